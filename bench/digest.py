"""Benchmark of the weekly digest, end to end: planner -> Redis -> Celery worker -> SMTP.

    python -m cluster_portal.launcher exec -- python bench/digest.py --users 2000

Creates its own database (``portal_bench_<pid>`` on the server of DATABASE_URL) and
drops it at the end, so the demo data is never touched. Starts an SMTP sink (aiosmtpd)
on loopback and a real Celery worker process, creates N member users at member firms
with a week of realistic content (leads, news, calls, events, new members), runs the
weekly planner task and waits until every delivery is sent or skipped.

Prints digests per second, total time, queries per digest (counted inside the worker
with ``connection.execute_wrapper`` and summed in Redis), peak memory, and as the last
line ``digests_per_second=<number> queries_per_digest=<number>``.

Options: ``--concurrency`` (worker processes, default 2), ``--sink-processes`` (SMTP
sink processes sharing the port, default 2). ``BENCH_WORKER_LOGLEVEL=INFO`` and
``BENCH_KEEP_LOG=1`` keep the worker's log (one line per batch) in ``var/``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def with_redis_db(url: str, db: int) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{db}"))


def admin_sql(server_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(_libpq(with_db(server_url, "postgres")), autocommit=True) as conn:
        conn.execute(sql)


def _libpq(url: str) -> str:
    # psycopg understands postgres:// URLs, including ?host=/socket/dir&port=...
    return url.replace("postgres://", "postgresql://", 1) if url.startswith("postgres://") else url


# --- SMTP sink ------------------------------------------------------------------------


class CountingSink:
    """Accepts every message and remembers only who got one (fast enough not to be the
    bottleneck)."""

    def __init__(self):
        self.count = 0
        self.recipients: dict[str, int] = {}
        self.bytes = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        with self.lock:
            self.count += 1
            self.bytes += len(envelope.content)
            for rcpt in envelope.rcpt_tos:
                self.recipients[rcpt] = self.recipients.get(rcpt, 0) + 1
        return "250 OK"


def _sink_process(port: int, conn) -> None:
    """One SMTP sink process; several share the port (SO_REUSEPORT), so the sink never
    becomes the bottleneck the benchmark measures."""
    import asyncio

    from aiosmtpd.smtp import SMTP

    sink = CountingSink()
    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(
        loop.create_server(lambda: SMTP(sink, hostname="sink.localhost"), "127.0.0.1", port, reuse_port=True)
    )
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    conn.send("ready")
    conn.recv()  # the bench says stop
    loop.call_soon_threadsafe(server.close)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=10)
    conn.send((sink.count, sink.bytes, sink.recipients))


class SinkProcesses:
    def __init__(self, port: int, processes: int):
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self.pipes = []
        self.processes = []
        for _ in range(processes):
            parent, child = context.Pipe()
            process = context.Process(target=_sink_process, args=(port, child), daemon=True)
            process.start()
            self.pipes.append(parent)
            self.processes.append(process)
        for pipe in self.pipes:
            if not pipe.poll(60) or pipe.recv() != "ready":
                raise RuntimeError("the SMTP sink did not start")

    def stop(self) -> CountingSink:
        """Stop every sink process and add up what they received."""
        total = CountingSink()
        for pipe in self.pipes:
            pipe.send("stop")
        for pipe, process in zip(self.pipes, self.processes, strict=True):
            if pipe.poll(30):
                count, size, recipients = pipe.recv()
                total.count += count
                total.bytes += size
                for address, n in recipients.items():
                    total.recipients[address] = total.recipients.get(address, 0) + n
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
        self.pipes = []
        return total


# --- Data -----------------------------------------------------------------------------


def create_data(users: int) -> dict:
    """N member users at N/8 firms, with a week of content. Bulk inserts, no signals."""
    import random

    from allauth.account.models import EmailAddress
    from django.utils import timezone

    from accounts.models import Membership, User
    from digests.models import DigestPreference, Frequency, SectionKey
    from digests.periods import previous_period
    from members.models import Member, MemberService, ServiceCategory

    rng = random.Random(7)
    week = previous_period(Frequency.WEEKLY)
    in_week = lambda: week.starts_at + dt.timedelta(minutes=rng.randint(60, 7 * 24 * 60 - 60))  # noqa: E731

    areas = ["Equipment rental", "Production services", "Locations", "Stage design", "Animation", "Post-production"]
    parents = []
    for n, area in enumerate(areas):
        parents.append(ServiceCategory.objects.create(name_en=area, name_pl=area, slug=f"area-{n}", position=n))
    children = [
        ServiceCategory.objects.create(
            name_en=f"{parent.name_en} {k}", name_pl=f"{parent.name_pl} {k}", slug=f"{parent.slug}-{k}", parent=parent
        )
        for parent in parents
        for k in range(4)
    ]
    firm_count = max(10, users // 8)
    cities = ["Kraków", "Katowice", "Tarnów", "Nowy Sącz", "Wieliczka"]
    firms = Member.objects.bulk_create(
        Member(
            name=f"Bench Studio {n}",
            slug=f"bench-studio-{n}",
            city=rng.choice(cities),
            tagline_en="Film services",
            tagline_pl="Usługi filmowe",
            email=f"office{n}@example.org",
            status=Member.Status.ACTIVE,
        )
        for n in range(firm_count)
    )
    MemberService.objects.bulk_create(
        MemberService(member=firm, category=category) for firm in firms for category in rng.sample(children, 3)
    )
    # Five firms joined during the week: the "new members" section.
    Member.objects.filter(pk__in=[f.pk for f in firms[:5]]).update(created_at=in_week())
    Member.objects.filter(pk__in=[f.pk for f in firms[5:]]).update(created_at=week.starts_at - dt.timedelta(days=90))

    people = User.objects.bulk_create(
        User(
            email=f"bench{n}@example.org",
            name=f"Bench Person {n}",
            preferred_language="pl" if n % 3 else "en",
            password="!",  # noqa: S106 - an unusable password, no hashing cost
        )
        for n in range(users)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in people
    )
    Membership.objects.bulk_create(
        Membership(user=user, member=firms[n % firm_count], role=Membership.Role.EDITOR)
        for n, user in enumerate(people)
    )
    preferences = []
    for n, user in enumerate(people):
        if n % 20 == 0:
            preferences.append(DigestPreference(user=user, frequency=Frequency.OFF))
        elif n % 20 == 1:
            preferences.append(DigestPreference(user=user, frequency=Frequency.DAILY))
        elif n % 7 == 0:
            preferences.append(
                DigestPreference(user=user, sections=[SectionKey.LEADS, SectionKey.CALLS, SectionKey.EVENTS])
            )
    DigestPreference.objects.bulk_create(preferences)

    content = {"leads": 0, "news": 0, "calls": 0, "events": 0}
    try:
        from productions.models import ProductionLead

        kinds = [k for k, _ in ProductionLead.Kind.choices]
        for n in range(20):
            lead = ProductionLead.objects.create(
                title_en=f"Feature film project {n}",
                title_pl=f"Projekt filmu fabularnego {n}",
                kind=rng.choice(kinds),
                status=ProductionLead.Status.CONFIRMED,
                producer_company="Example Pictures",
                shooting_start=timezone.localdate() + dt.timedelta(days=30 + n),
                published_at=in_week(),
            )
            lead.services_needed.set(rng.sample(children, 2))
            content["leads"] += 1
    except ImportError:
        pass
    try:
        from news.models import Post

        for n in range(15):
            Post.objects.create(
                title_en=f"Cluster news {n}",
                title_pl=f"Wiadomości klastra {n}",
                slug=f"bench-news-{n}",
                summary_en="What happened.",
                summary_pl="Co się stało.",
                body_en="Text of the news.",
                body_pl="Treść wiadomości.",
                published_at=in_week(),
            )
            content["news"] += 1
        for n in range(4):
            Post.objects.create(
                title_en=f"Funding call {n}",
                title_pl=f"Nabór {n}",
                slug=f"bench-call-{n}",
                body_en="Apply.",
                body_pl="Aplikuj.",
                category=Post.CALL_CATEGORIES[n % 2],
                deadline=timezone.now() + dt.timedelta(days=3 + n * 2),
                published_at=in_week(),
            )
            content["calls"] += 1
    except ImportError:
        pass
    try:
        from events.models import Event

        for n in range(6):
            starts = timezone.now() + dt.timedelta(days=5 + n * 4)
            Event.objects.create(
                title_en=f"Workshop {n}",
                title_pl=f"Warsztat {n}",
                slug=f"bench-event-{n}",
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=3),
                venue_en="Krakow Technology Park",
                venue_pl="Krakowski Park Technologiczny",
            )
            content["events"] += 1
    except ImportError:
        pass
    return {"firms": firm_count, **content}


# --- Worker ---------------------------------------------------------------------------


def start_worker(env: dict, concurrency: int) -> subprocess.Popen:
    from cluster_portal.celery import app

    nodename = f"bench-{os.getpid()}@{socket.gethostname()}"
    loglevel = os.environ.get("BENCH_WORKER_LOGLEVEL", "WARNING")
    command = [
        sys.executable, "-m", "celery", "-A", "cluster_portal", "worker", f"--loglevel={loglevel}",
        f"--concurrency={concurrency}", "--pool=prefork", "-n", nodename, "--without-gossip", "--without-mingle",
    ]  # fmt: skip
    log = open(BASE_DIR / "var" / f"bench-worker-{os.getpid()}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(command, env=env, cwd=BASE_DIR, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the Celery worker exited; see " + log.name)
        if app.control.ping(destination=[nodename], timeout=0.5):
            return process
    process.kill()
    raise RuntimeError("the Celery worker did not answer")


class MemoryPeak(threading.Thread):
    """Samples the resident memory of the worker and its pool processes."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.running = True

    def run(self):
        import psutil

        root = psutil.Process(self.pid)
        while self.running:
            try:
                total = root.memory_info().rss + sum(c.memory_info().rss for c in root.children(recursive=True))
            except psutil.Error:
                break
            self.peak = max(self.peak, total)
            time.sleep(0.1)


# --- Main -----------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes (default 2, the machine's cores)")
    parser.add_argument("--sink-processes", type=int, default=2, help="SMTP sink processes on the one port")
    args = parser.parse_args()

    server_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cluster_portal")
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    db_name = f"portal_bench_{os.getpid()}"
    smtp_port = free_port()
    prefix = f"bench{os.getpid()}"
    env_overrides = {
        "DJANGO_SETTINGS_MODULE": "cluster_portal.settings",
        "DJANGO_ENV": "development",
        "DEBUG": "0",  # as in production: cached templates, no query log
        "DATABASE_URL": with_db(server_url, db_name),
        # Logical databases of their own, so nothing else's queue or cache is touched.
        "CELERY_BROKER_URL": with_redis_db(redis_url, 13),
        "CACHE_URL": with_redis_db(redis_url, 14),
        "CELERY_RESULT_BACKEND": with_redis_db(redis_url, 15),
        "CACHE_KEY_PREFIX": prefix,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "LOG_LEVEL": os.environ.get("BENCH_WORKER_LOGLEVEL", "WARNING"),
    }
    os.environ.update(env_overrides)
    child_env = dict(os.environ)

    print(f"creating database {db_name}", flush=True)
    admin_sql(server_url, f'CREATE DATABASE "{db_name}"')
    worker = sinks = None
    try:
        import django

        django.setup()
        from django.core.cache import cache
        from django.core.management import call_command
        from django.db import connection
        from django.db.models import Count

        from cluster_portal.celery import app
        from digests.models import DigestDelivery, Frequency
        from digests.services import STATS_DIGESTS, STATS_QUERIES
        from digests.tasks import plan_digests

        call_command("migrate", verbosity=0)
        started = time.monotonic()
        made = create_data(args.users)
        print(f"created {args.users} users at {made['firms']} firms and content {made} "
              f"in {time.monotonic() - started:.1f} s", flush=True)  # fmt: skip

        sinks = SinkProcesses(smtp_port, args.sink_processes)
        app.control.purge()
        cache.delete_many([STATS_QUERIES, STATS_DIGESTS])
        worker = start_worker(child_env, args.concurrency)
        memory = MemoryPeak(worker.pid)
        memory.start()

        connection.close()
        started = time.monotonic()
        planned = plan_digests.delay(frequency=Frequency.WEEKLY).get(timeout=600)
        pending = DigestDelivery.objects.filter(state=DigestDelivery.State.PENDING)
        while pending.exists():
            if time.monotonic() - started > 3600:
                raise RuntimeError("the digests did not finish within an hour")
            time.sleep(0.05)
        elapsed = time.monotonic() - started
        memory.running = False
        sink = sinks.stop()
        # The batches add their query counts to Redis just after their last row.
        claimed = DigestDelivery.objects.exclude(attempts=0).count()
        deadline = time.monotonic() + 30
        while (cache.get(STATS_DIGESTS) or 0) < claimed and time.monotonic() < deadline:
            time.sleep(0.05)

        states = dict(DigestDelivery.objects.values_list("state").annotate(n=Count("pk")).order_by())
        sent = states.get(DigestDelivery.State.SENT, 0)
        queries = cache.get(STATS_QUERIES) or 0
        rows = cache.get(STATS_DIGESTS) or 0
        duplicates = sum(n - 1 for n in sink.recipients.values() if n > 1)
        rate = sent / elapsed if elapsed else 0.0
        per_digest = queries / sent if sent else 0.0
        print(f"planned: {planned}")
        print(f"deliveries by state: {states}")
        size = sink.bytes / max(sink.count, 1) / 1024
        print(f"messages received by the SMTP sink: {sink.count} ({size:.1f} KiB each), duplicates: {duplicates}")
        print(f"total time (planner to last message): {elapsed:.2f} s")
        print(f"digests per second: {rate:.1f}")
        print(f"queries: {queries} for {rows} deliveries ({sent} sent) = {per_digest:.3f} per digest sent, "
              f"{queries / max(rows, 1):.3f} per delivery")  # fmt: skip
        print(f"peak memory: worker {memory.peak / 2**20:.0f} MiB (main + {args.concurrency} pool processes), "
              f"bench process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")  # fmt: skip
        if sink.count != sent or duplicates:
            print("ERROR: the sink did not receive exactly one message per sent delivery", flush=True)
            return 1
        print(f"digests_per_second={rate:.1f} queries_per_digest={per_digest:.3f}", flush=True)
        return 0
    finally:
        if worker is not None:
            worker.terminate()
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
            if not os.environ.get("BENCH_KEEP_LOG"):
                (BASE_DIR / "var" / f"bench-worker-{os.getpid()}.log").unlink(missing_ok=True)
        if sinks is not None and sinks.pipes:
            sinks.stop()
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001, S110 - Django may not be set up yet
            pass
        _flush_redis()
        admin_sql(server_url, f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')


def _flush_redis() -> None:
    """Empty the bench's own broker, cache and result databases."""
    import redis

    for name in ("CELERY_BROKER_URL", "CACHE_URL", "CELERY_RESULT_BACKEND"):
        try:
            redis.Redis.from_url(os.environ[name]).flushdb()
        except Exception:  # noqa: BLE001, S110 - cleaning up; nothing to do about it
            pass


if __name__ == "__main__":
    sys.exit(main())
