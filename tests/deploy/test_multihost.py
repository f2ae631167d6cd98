"""The deployment of deploy/ on several hosts, built on one machine and used through its
proxy only.

Hosts are network namespaces on one bridge (tests/deploy/hosts.py): ``db`` (Debian's
PostgreSQL and Redis), ``s3`` (moto's S3 server standing in for the bucket), ``smtp`` (a
real SMTP sink), ``web1`` and ``web2`` (gunicorn with DJANGO_ENV=production and
deploy/gunicorn.conf.py), ``proxy`` (nginx with deploy/nginx/cluster-portal.conf and a
certificate made for the run), ``worker1`` and ``worker2`` (Celery workers), ``beat``
(the one Celery beat, also where migrate, collectstatic and the data seeding run) and
``client`` (the test's own HTTP client). The client only ever addresses the proxy; every
figure comes from what the client saw, the proxy's access log, the SMTP sink's log and
the database.

It needs root (namespaces), nginx, PostgreSQL and Redis from Debian (``make test``
installs them where it may, see bin/ensure-deploy-hosts). Elsewhere it is skipped with
the reason, except under CI=true, where it must run.
"""

from __future__ import annotations

import collections
import concurrent.futures
import glob
import io
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import boto3
import psycopg
import pytest
import requests
from PIL import Image

from tests.deploy.hosts import Lab, enter, inside, namespaces_unavailable, wait_until

BASE_DIR = Path(__file__).resolve().parents[2]
DEPLOY = BASE_DIR / "deploy"
BUCKET = "cluster-portal-media"
DIGEST_USERS = 120
LOAD_SECONDS = 14
LOAD_THREADS = 6
LOAD_MAX_REQUESTS = 6000
# Each load thread is one visitor address at most 12 requests a second, inside the
# proxy's per-address limit (20 r/s): the proxy's rate limiting is not what is measured.
LOAD_RATE_PER_THREAD = 12
KILL_WEB_AT = 5.0
SWITCH_WINDOW = 5.0


def _postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
    return Path(found[-1]).parent if found else None


def _why_not() -> str | None:
    reason = namespaces_unavailable()
    if reason:
        return reason
    missing = [tool for tool in ("nginx", "redis-server", "openssl", "runuser") if not _which(tool)]
    if _postgres_bin() is None:
        missing.append("postgresql")
    if missing:
        return f"missing {', '.join(missing)} (bin/ensure-deploy-hosts installs them as root)"
    return None


def _which(tool: str) -> str | None:
    return shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/sbin")


REASON = _why_not()
if REASON and os.environ.get("CI") == "true":
    pytest.fail(f"the multi-host proof must run under CI=true: {REASON}", pytrace=False)
pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")


# --- Building the hosts -----------------------------------------------------------------


class Deployment:
    def __init__(self, lab: Lab, work: Path):
        self.lab = lab
        self.work = work
        self.logs = work / "logs"
        self.logs.mkdir()
        self.hosts = {
            name: lab.add_host(name, octet)
            for name, octet in [
                ("db", 10), ("s3", 11), ("smtp", 12), ("web1", 21), ("web2", 22), ("proxy", 30),
                ("worker1", 41), ("worker2", 42), ("beat", 50), ("client", 60),
            ]
        }  # fmt: skip
        self.visitors = [lab.add_address(self.hosts["client"], 61 + n) for n in range(LOAD_THREADS)]
        self.proxy = self.hosts["proxy"].address
        self.base = f"https://{self.proxy}"
        self.cert = work / "tls" / "fullchain.pem"
        self.ca = work / "tls" / "ca.pem"
        self.db_url = f"postgresql://postgres@{self.hosts['db'].address}:5432/portal"
        self.env = self._portal_env()

    def _portal_env(self) -> dict[str, str]:
        db, s3, smtp = (self.hosts[name].address for name in ("db", "s3", "smtp"))
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.work),
            "LANG": "C.UTF-8",
            "PYTHONUNBUFFERED": "1",
            "DJANGO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": self.proxy,
            "SITE_URL": self.base,
            "DATABASE_URL": f"postgres://postgres@{db}:5432/portal",
            "REDIS_URL": f"redis://{db}:6379/0",
            "EMAIL_URL": f"smtp://{smtp}:2525",
            "MEDIA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": f"http://{s3}:9000",
            "AWS_S3_REGION_NAME": "eu-central-1",
            "AWS_ACCESS_KEY_ID": "lab-access-key",
            "AWS_SECRET_ACCESS_KEY": secrets.token_urlsafe(24),
            "AWS_S3_CUSTOM_DOMAIN": f"{self.proxy}/media",
            "STATIC_ROOT": str(self.work / "static"),
            # Short enough for a test: a lost task comes back after 15 s, claimed digest
            # rows are free again after 8 s, batches of 10 spread over both workers.
            "CELERY_VISIBILITY_TIMEOUT": "15",
            "DIGEST_LEASE_SECONDS": "8",
            "DIGEST_BATCH_SIZE": "10",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_FORWARDED_ALLOW_IPS": self.proxy,
            "PORTAL_REQUIRE_STAFF_MFA": "true",
        }

    def python(self, host: str, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
        result = self.hosts[host].run([sys.executable, *args], env=self.env, cwd=BASE_DIR, timeout=timeout)
        assert result.returncode == 0, f"{args} on {host} failed:\n{result.stdout}\n{result.stderr}"
        return result

    def start_portal_process(self, host: str, *args: str):
        return self.hosts[host].popen(
            [sys.executable, *args], env=self.env, log=self.logs / f"{host}.log", cwd=BASE_DIR
        )

    # Database host: Debian's PostgreSQL and Redis, listening on the host's address only.
    def start_db(self) -> None:
        host = self.hosts["db"]
        bin_dir = _postgres_bin()
        data = Path(tempfile.mkdtemp(prefix="cp-lab-pg-"))
        self.pg_dir = data
        shutil.chown(data, "postgres", "postgres")
        result = host.run(
            [str(bin_dir / "initdb"), "-D", str(data / "data"), "-U", "postgres", "-A", "trust", "--no-sync"],
            env={"PATH": os.environ["PATH"], "LANG": "C.UTF-8"},
            user="postgres",
        )
        assert result.returncode == 0, result.stderr
        with (data / "data" / "postgresql.conf").open("a") as conf:
            conf.write(f"listen_addresses = '{host.address}'\nunix_socket_directories = '{data}'\nfsync = off\n")
        with (data / "data" / "pg_hba.conf").open("a") as hba:
            hba.write("host all all 198.18.21.0/24 trust\n")
        host.popen(
            [str(bin_dir / "postgres"), "-D", str(data / "data")],
            env={"PATH": os.environ["PATH"], "LANG": "C.UTF-8"},
            log=self.logs / "postgres.log",
            user="postgres",
        )
        host.popen(
            ["redis-server", "--bind", host.address, "--port", "6379", "--save", "", "--appendonly", "no",
             "--protected-mode", "no", "--dir", str(self.work)],
            env={"PATH": os.environ["PATH"]}, log=self.logs / "redis.log",
        )  # fmt: skip
        wait_until(
            lambda: host.run([str(bin_dir / "pg_isready"), "-h", host.address], env={}).returncode == 0,
            timeout=60,
            what="PostgreSQL on the db host",
        )
        created = host.run([str(bin_dir / "createdb"), "-h", host.address, "-U", "postgres", "portal"], env={})
        assert created.returncode == 0, created.stderr

    def start_s3(self) -> None:
        host = self.hosts["s3"]
        host.popen(
            [sys.executable, "-m", "moto.server", "-H", host.address, "-p", "9000"],
            env={"PATH": os.environ["PATH"]},
            log=self.logs / "s3.log",
        )

        def bucket_created():
            with inside(self.hosts["client"]):
                try:
                    client = boto3.client(
                        "s3",
                        endpoint_url=self.env["AWS_S3_ENDPOINT_URL"],
                        region_name="eu-central-1",
                        aws_access_key_id=self.env["AWS_ACCESS_KEY_ID"],
                        aws_secret_access_key=self.env["AWS_SECRET_ACCESS_KEY"],
                    )
                    client.create_bucket(
                        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
                    )
                except Exception:  # noqa: BLE001 - not up yet
                    return False
            return True

        wait_until(bucket_created, timeout=60, what="the S3 server")

    def start_smtp(self) -> None:
        host = self.hosts["smtp"]
        self.sink_log = self.logs / "smtp-messages.jsonl"
        self.sink_log.touch()
        host.popen(
            [sys.executable, str(BASE_DIR / "tests" / "deploy" / "lab_smtp_sink.py"), host.address, "2525",
             str(self.sink_log), "0.3"],
            env={"PATH": os.environ["PATH"], "PYTHONPATH": str(BASE_DIR)}, log=self.logs / "smtp.log",
        )  # fmt: skip

    def make_certificate(self) -> None:
        """A CA made for the run, and the proxy's certificate signed by it (the client trusts the CA)."""
        tls = self.work / "tls"
        tls.mkdir()
        (tls / "san.ext").write_text(
            f"subjectAltName=IP:{self.proxy}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
        )
        openssl = _which("openssl")
        steps = [
            [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=lab-ca",
             "-keyout", str(tls / "ca.key"), "-out", str(tls / "ca.pem")],
            [openssl, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=cluster-portal-lab",
             "-keyout", str(tls / "privkey.pem"), "-out", str(tls / "proxy.csr")],
            [openssl, "x509", "-req", "-in", str(tls / "proxy.csr"), "-CA", str(tls / "ca.pem"),
             "-CAkey", str(tls / "ca.key"), "-CAcreateserial", "-days", "1", "-extfile", str(tls / "san.ext"),
             "-out", str(self.cert)],
        ]  # fmt: skip
        for step in steps:
            result = subprocess.run(step, capture_output=True, text=True, check=False)  # noqa: S603
            assert result.returncode == 0, result.stderr

    def prepare_release(self) -> dict:
        self.python("beat", "manage.py", "migrate", "--noinput", "-v0")
        self.python("beat", "manage.py", "collectstatic", "--noinput", "-v0")
        seeded = self.python("beat", "tests/deploy/lab_seed.py", "--digest-users", str(DIGEST_USERS))
        return json.loads(seeded.stdout.strip().splitlines()[-1])

    def start_web(self, name: str) -> None:
        env = {
            **self.env,
            "GUNICORN_BIND": f"{self.hosts[name].address}:8000",
            "GUNICORN_ACCESS_LOG": str(self.logs / f"{name}-access.log"),
            "HOME": str(self.work / name),  # gunicorn's control socket, one per host
        }
        (self.work / name).mkdir(exist_ok=True)
        self.hosts[name].popen(
            [sys.executable, "-m", "gunicorn", "-c", str(DEPLOY / "gunicorn.conf.py"), "cluster_portal.wsgi"],
            env=env,
            log=self.logs / f"{name}.log",
            cwd=BASE_DIR,
        )

    def start_worker(self, name: str) -> None:
        self.start_portal_process(
            name, "-m", "celery", "-A", "cluster_portal", "worker", "--loglevel=INFO", "--concurrency=2",
            "-n", f"{name}@lab", "--without-gossip",
        )  # fmt: skip

    def start_beat(self) -> None:
        self.start_portal_process(
            "beat", "-m", "celery", "-A", "cluster_portal", "beat", "--loglevel=INFO",
            f"--pidfile={self.work / 'beat.pid'}", "--max-interval=1",
        )  # fmt: skip

    def start_proxy(self) -> None:
        www = self.work / "www"
        www.mkdir()
        shutil.copy(DEPLOY / "maintenance.html", www / "maintenance.html")
        (self.work / "nginx-cache").mkdir()
        web1, web2, s3 = (self.hosts[name].address for name in ("web1", "web2", "s3"))
        site = render(
            (DEPLOY / "nginx" / "cluster-portal.conf").read_text(),
            {
                "10.0.0.11:8000": f"{web1}:8000",
                "10.0.0.12:8000": f"{web2}:8000",
                "s3.example.org:9000": f"{s3}:9000",
                "portal.example.org": self.proxy,
                "/etc/ssl/cluster-portal/": f"{self.work / 'tls'}/",
                "/var/cache/nginx/cluster-portal": str(self.work / "nginx-cache"),
                "/var/log/nginx/": f"{self.logs}/",
                "/var/www/cluster-portal": str(www),
                "/var/www/letsencrypt": str(www),
            },
        )
        (self.work / "site.conf").write_text(site)
        temp = self.work / "nginx-temp"
        temp.mkdir()
        (self.work / "nginx.conf").write_text(
            f"""user root;
worker_processes 2;
pid {self.work / "nginx.pid"};
error_log {self.logs / "nginx-main.error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {self.work / "site.conf"};
}}
"""
        )
        nginx = _which("nginx")
        conf = str(self.work / "nginx.conf")
        checked = self.hosts["proxy"].run([nginx, "-t", "-c", conf], env={})
        assert checked.returncode == 0, checked.stderr
        self.hosts["proxy"].popen([nginx, "-c", conf, "-g", "daemon off;"], env={}, log=self.logs / "nginx.log")

    def close(self) -> None:
        self.lab.close()
        if getattr(self, "pg_dir", None):
            shutil.rmtree(self.pg_dir, ignore_errors=True)


def render(text: str, values: dict[str, str]) -> str:
    """The operator's CHOOSE values replaced by the lab's; each must be in the file."""
    for old, new in values.items():
        assert old in text, f"{old!r} is no longer in deploy/nginx/cluster-portal.conf"
        text = text.replace(old, new)
    return text


# --- The client, on its own host ---------------------------------------------------------


class Client:
    def __init__(self, deployment: Deployment):
        self.base = deployment.base
        self.session = requests.Session()
        self.session.verify = str(deployment.ca)
        self.session.trust_env = False  # no proxy, no CA bundle from the environment: the lab only

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.session.get(self.base + path, timeout=30, allow_redirects=False, **kwargs)

    def post(self, path: str, data: dict, **kwargs) -> requests.Response:
        data = {**data, "csrfmiddlewaretoken": self.session.cookies.get("csrftoken", "")}
        headers = {"Origin": self.base, "Referer": self.base + path}
        return self.session.post(
            self.base + path, data=data, headers=headers, timeout=30, allow_redirects=False, **kwargs
        )


def upstreams_for(deployment: Deployment, path: str) -> list[str]:
    """The web hosts that answered each request for ``path``, from the proxy's access log."""
    pattern = re.compile(rf'"GET {re.escape(path)} HTTP/[\d.]+" \d+ .* upstream=([\d.:, ]+) ')
    log = (deployment.logs / "cluster-portal.access.log").read_text()
    return [match.group(1).split(",")[-1].strip() for match in pattern.finditer(log)]


def png_logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), "#7a1f2b").save(buffer, "PNG")
    return buffer.getvalue()


def journey(deployment: Deployment, seeded: dict) -> dict:
    web = {deployment.hosts["web1"].address + ":8000", deployment.hosts["web2"].address + ":8000"}
    client = Client(deployment)
    assert client.get("/accounts/login/").status_code == 200
    logged_in = client.post("/accounts/login/", {"login": seeded["email"], "password": seeded["password"]})
    assert logged_in.status_code == 302, logged_in.text[:500]
    assert "sessionid" in client.session.cookies

    # The session holds while the proxy sends requests to one web host, then the other.
    account = [client.get("/en/account/") for _ in range(8)]
    assert [response.status_code for response in account] == [200] * 8
    assert set(upstreams_for(deployment, "/en/account/")) == web

    # A logo uploaded on one web host is in the bucket, and every web host shows it.
    edit = f"/en/my-company/{seeded['member']}/"
    assert client.get(edit).status_code == 200
    profile = {
        "name": "Lab Studio", "tagline_pl": "Kamery i światło", "tagline_en": "Cameras and lights",
        "description_pl": "", "description_en": "", "city": "Kraków", "address": "", "postal_code": "",
        "website": "", "email": "office@lab-studio.example.org", "phone": "", "year_founded": "",
        "size_band": "", "languages": ["pl", "en"], "services-TOTAL_FORMS": "0", "services-INITIAL_FORMS": "0",
        "services-MIN_NUM_FORMS": "0", "services-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    saved = client.post(edit, profile, files={"logo": ("logo.png", png_logo(), "image/png")})
    assert saved.status_code == 302, saved.text[:500]
    page = f"/en/members/{seeded['member']}/"
    logo_pattern = re.compile(rf"{re.escape(deployment.base)}/media/public/[^\"' ]+")
    shown = []
    for _ in range(6):
        response = client.get(page)
        assert response.status_code == 200
        shown.append(sorted(set(logo_pattern.findall(response.text))))
    assert set(upstreams_for(deployment, page)) == web
    assert all(urls == shown[0] for urls in shown)
    assert shown[0], "the profile shows no logo from the bucket"
    for url in shown[0]:
        picture = client.session.get(url, timeout=30)
        assert picture.status_code == 200
        assert picture.headers["Content-Type"].startswith("image/")
        assert Image.open(io.BytesIO(picture.content)).size[0] > 0
    # Members-only files never through the proxy's /media/.
    assert client.get("/media/private/anything.pdf").status_code == 404

    # Registering for an event, and the proxy's headers are the only ones trusted.
    registered = client.post(f"/en/events/{seeded['event']}/register/", {})
    assert registered.status_code == 302, registered.text[:500]
    with inside(deployment.hosts["client"]), psycopg.connect(deployment.db_url) as conn:
        registrations = conn.execute(
            "SELECT count(*) FROM events_registration r JOIN events_event e ON e.id = r.event_id "
            "WHERE e.slug = %s AND r.email = %s",
            (seeded["event"], seeded["email"]),
        ).fetchone()[0]
    assert registrations == 1

    # The maintenance flag on the proxy: visitors get the maintenance page, checks the truth.
    flag = deployment.work / "www" / "maintenance.on"
    flag.touch()
    try:
        down, health = client.get("/en/"), client.get("/healthz")
    finally:
        flag.unlink()
    assert (down.status_code, health.status_code) == (503, 200)
    assert "Przerwa techniczna" in down.text
    assert client.get("/en/").status_code == 200
    return {"journey_hosts": sorted(web)}


class SourceAddressAdapter(requests.adapters.HTTPAdapter):
    """Connections from one of the client host's addresses (one visitor each)."""

    def __init__(self, source: str, **kwargs):
        self.source = source
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


def load_while_losing_web1(deployment: Deployment) -> dict:
    paths = ["/en/", "/en/members/", "/pl/members/", "/en/events/", "/en/news/", "/en/members/lab-studio/"]
    started = time.monotonic()
    stop_at = started + LOAD_SECONDS
    results: list[tuple[float, int]] = []
    lock = threading.Lock()
    budget = iter(range(LOAD_MAX_REQUESTS))

    def run(index: int) -> None:
        enter(deployment.hosts["client"])
        session = requests.Session()
        session.verify = str(deployment.ca)
        session.trust_env = False  # no proxy, no CA bundle from the environment: the lab only
        session.mount("https://", SourceAddressAdapter(deployment.visitors[index]))
        n = index
        while time.monotonic() < stop_at and next(budget, None) is not None:
            at = time.monotonic() - started
            try:
                status = session.get(deployment.base + paths[n % len(paths)], timeout=10).status_code
            except requests.RequestException:
                status = 0
            with lock:
                results.append((at, status))
            n += 1
            time.sleep(max(0.0, at + 1 / LOAD_RATE_PER_THREAD - (time.monotonic() - started)))

    with concurrent.futures.ThreadPoolExecutor(max_workers=LOAD_THREADS) as pool:
        futures = [pool.submit(run, i) for i in range(LOAD_THREADS)]
        time.sleep(KILL_WEB_AT)
        deployment.hosts["web1"].kill()
        for future in futures:
            future.result()
    window = [status for at, status in results if KILL_WEB_AT - 0.5 <= at < KILL_WEB_AT + SWITCH_WINDOW]
    later = [status for at, status in results if at >= KILL_WEB_AT + SWITCH_WINDOW]
    errors = sum(status != 200 for status in window)
    log = (deployment.logs / "cluster-portal.access.log").read_text().splitlines()
    per_host = collections.Counter()
    for line in log:
        match = re.search(r"upstream=([\d.:, ]+) ", line)
        if match:
            per_host[match.group(1).split(",")[-1].strip()] += 1
    return {
        "statuses": dict(collections.Counter(status for _, status in results)),
        "requests": len(results),
        "window_requests": len(window),
        "window_errors": errors,
        "later_requests": len(later),
        "later_errors": sum(status != 200 for status in later),
        "per_host": {name: per_host[deployment.hosts[name].address + ":8000"] for name in ("web1", "web2")},
    }


def digest_rows(deployment: Deployment) -> list[tuple[str, str, str]]:
    """(email, subject, state) of every planned digest delivery (asked from the client host)."""
    with inside(deployment.hosts["client"]), psycopg.connect(deployment.db_url) as conn:
        return conn.execute(
            "SELECT u.email, d.subject, d.state FROM digests_digestdelivery d JOIN accounts_user u ON u.id = d.user_id"
        ).fetchall()


def digest_counts(deployment: Deployment) -> dict[str, int]:
    return dict(collections.Counter(state for _, _, state in digest_rows(deployment)))


def sink_messages(deployment: Deployment) -> collections.Counter:
    """How many times the SMTP sink accepted each (recipient, subject)."""
    received = collections.Counter()
    for line in deployment.sink_log.read_text().splitlines():
        message = json.loads(line)
        for address in message["to"]:
            received[(address, message["subject"])] += 1
    return received


def sink_digests(deployment: Deployment) -> collections.Counter:
    """The sink's messages that are digests (their subjects are the deliveries')."""
    subjects = {subject for _, subject, _ in digest_rows(deployment) if subject}
    return collections.Counter({key: n for key, n in sink_messages(deployment).items() if key[1] in subjects})


SCHEDULE_DIGESTS = """
from django_celery_beat.models import IntervalSchedule, PeriodicTask
every_3s, _ = IntervalSchedule.objects.get_or_create(every=3, period=IntervalSchedule.SECONDS)
PeriodicTask.objects.create(
    name="lab-digests", task="digests.tasks.plan_digests", interval=every_3s, kwargs='{"frequency": "weekly"}'
)
"""


def digest_run_losing_worker1(deployment: Deployment) -> dict:
    # What the coordinator would do in the admin: the weekly digest planned every 3 s.
    # Repeated runs must add nothing: one delivery per user and period.
    deployment.python("beat", "manage.py", "shell", "-c", SCHEDULE_DIGESTS)
    with inside(deployment.hosts["client"]):
        wait_until(lambda: len(sink_digests(deployment)) >= 12, timeout=120, what="a digest run in progress")
        killed_at = time.time()
        deployment.hosts["worker1"].kill()
        sent_before_kill = len(sink_digests(deployment))
        time.sleep(3)
        deployment.start_worker("worker1")  # systemd's Restart=always

        def settled():
            counts = digest_counts(deployment)
            # "sending" rows are a batch in flight (or the killed worker's, until its lease ends)
            unsettled = counts.get("pending", 0) + counts.get("sending", 0)
            return counts if unsettled == 0 and counts.get("sent") else None

        counts = wait_until(settled, timeout=180, interval=1, what="every due digest sent")
        time.sleep(2)
        counts = digest_counts(deployment)
        rows = digest_rows(deployment)
        received = sink_messages(deployment)
    last = max(json.loads(line)["at"] for line in deployment.sink_log.read_text().splitlines())
    due = {(email, subject) for email, subject, state in rows if state != "skipped"}
    return {
        "due": len(due),
        "sent": counts.get("sent", 0),
        "failed": counts.get("failed", 0),
        "received_unique": sum(1 for key in due if received[key]),
        "duplicated": sum(received[key] - 1 for key in due if received[key] > 1),
        "lost": sum(1 for key in due if not received[key]),
        "sent_before_kill": sent_before_kill,
        "recover_seconds": round(last - killed_at, 1),
    }


BEAT_SEND = re.compile(
    r"\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}): INFO/MainProcess\] Scheduler: Sending due task (\S+)"
)


def beat_sends(deployment: Deployment, name: str) -> list[float]:
    times = []
    for stamp, task in BEAT_SEND.findall((deployment.logs / "beat.log").read_text()):
        if task == name:
            clock, millis = stamp.split(",")
            times.append(time.mktime(time.strptime(clock, "%Y-%m-%d %H:%M:%S")) + int(millis) / 1000)
    return times


SCHEDULE_HALF_MINUTE = """
import datetime as dt
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask
every_30s, _ = IntervalSchedule.objects.get_or_create(every=30, period=IntervalSchedule.SECONDS)
PeriodicTask.objects.create(
    name="lab-half-minute", task="core.tasks.heartbeat", interval=every_30s,
    last_run_at=timezone.now() - dt.timedelta(seconds=27),
)
"""


def restart_beat(deployment: Deployment) -> dict:
    """An entry due every 30 s runs once; beat's host dies seconds later and comes back.
    A beat that had not written down that run would send it again at once."""
    with inside(deployment.hosts["client"]):
        digests_before = sink_digests(deployment)
    deployment.python("beat", "manage.py", "shell", "-c", SCHEDULE_HALF_MINUTE)
    wait_until(lambda: beat_sends(deployment, "lab-half-minute"), timeout=30, what="beat's first half-minute run")
    time.sleep(1)
    deployment.hosts["beat"].kill()
    time.sleep(2)
    deployment.start_beat()
    time.sleep(12)
    with inside(deployment.hosts["client"]):
        counts = digest_counts(deployment)
        digests_after = sum(sink_digests(deployment).values())
    ticks = beat_sends(deployment, "lab-tick")
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    return {
        "ticks": len(ticks),
        "duplicate_runs": sum(gap < 1.0 for gap in gaps) + len(beat_sends(deployment, "lab-half-minute")) - 1,
        "digests_after_restart": digests_after - sum(digests_before.values()),
        "pending_after_restart": counts.get("pending", 0),
    }


# --- The proof -----------------------------------------------------------------------------


def test_deployment_on_several_hosts(record_property):
    work = Path(tempfile.mkdtemp(prefix="cp-lab-"))
    deployment = Deployment(Lab(tag=f"cp{os.getpid()}"), work)
    try:
        deployment.start_db()
        deployment.start_s3()
        deployment.start_smtp()
        deployment.make_certificate()
        seeded = deployment.prepare_release()
        for name in ("web1", "web2"):
            deployment.start_web(name)
        for name in ("worker1", "worker2"):
            deployment.start_worker(name)
        deployment.start_beat()
        deployment.start_proxy()
        with inside(deployment.hosts["client"]):
            probe = Client(deployment)
            wait_until(
                lambda: _status(probe, "/healthz") == 200, timeout=90, interval=1, what="/healthz through the proxy"
            )
            journey(deployment, seeded)
        load = load_while_losing_web1(deployment)
        digests = digest_run_losing_worker1(deployment)
        beat = restart_beat(deployment)
    finally:
        deployment.close()
        # Every host's log of the last run, for whoever reads a failure.
        kept = BASE_DIR / "var" / "deploy-proof-logs"
        shutil.rmtree(kept, ignore_errors=True)
        shutil.copytree(deployment.logs, kept)
    shutil.rmtree(work, ignore_errors=True)

    error_rate = load["window_errors"] / max(load["window_requests"], 1)
    figures = (
        f"requests_per_web_host=web1:{load['per_host']['web1']},web2:{load['per_host']['web2']} "
        f"errors_during_web_loss={load['window_errors']}/{load['window_requests']} ({error_rate:.2%}) "
        f"later_errors={load['later_errors']}/{load['later_requests']} "
        f"digests_due={digests['due']} sent={digests['received_unique']} duplicated={digests['duplicated']} "
        f"lost={digests['lost']} recover_seconds={digests['recover_seconds']} "
        f"beat_ticks={beat['ticks']} beat_duplicate_runs={beat['duplicate_runs']}"
    )
    record_property("figures", figures)
    print(figures)  # noqa: T201
    assert load["per_host"]["web1"] > 0
    assert load["per_host"]["web2"] > 0
    assert error_rate < 0.01, load["statuses"]
    assert load["later_requests"] > 0
    assert load["later_errors"] == 0
    assert digests["due"] >= DIGEST_USERS // 2
    assert digests["failed"] == 0
    assert digests["sent_before_kill"] < digests["due"]
    assert (digests["received_unique"], digests["duplicated"], digests["lost"]) == (digests["due"], 0, 0)
    assert beat["ticks"] >= 3
    assert beat["duplicate_runs"] == 0
    assert beat["digests_after_restart"] == 0
    assert beat["pending_after_restart"] == 0


def _status(client: Client, path: str) -> int:
    try:
        return client.get(path).status_code
    except requests.RequestException:
        return 0
