"""Benchmark of the public catalogue at scale, served the way production serves it.

    python -m cluster_portal.launcher exec -- python bench/catalogue.py --members 10000

Creates its own database (``portal_bench_catalogue_<pid>``) and cache key prefix, builds
a catalogue of ``--members`` members in bulk (bench/support/catalogue_data.py) and serves it with
gunicorn, 2 sync workers, DEBUG off, the project's settings and middleware, twice: once
as configured (page cache on) and once with ``PAGE_CACHE_SECONDS=0`` (every page
rendered; the counts and searches it reads may come from the cache, as for a logged-in
visitor). Both also serve a bare Django view (``bench/support/urls.py``: "ok" through the
same middleware) as the yardstick.

For the anonymous catalogue page 1, a search, a filtered page, a profile and the
largest sitemap page it prints: throughput over 8 connections relative to the bare view
(rounds alternating page, bare, page, bare, ...: the median of each pair's ratio, so a
moment when the machine is busy with something else weighs as one pair, not as the
whole figure), single-client p50/p95 latency, worker CPU
per request (from /proc, both workers) and SQL queries per request (counted by a
middleware of the benchmark's settings). All traffic is on 127.0.0.1 and bounded in
count. Everything is dropped at the end.

The client asks as a browser does (``Accept-Encoding: gzip, deflate, br, zstd``); the
throughput rounds read every byte of each response but leave decompressing it to the
browser they stand in for (it would do so on its own machine, not on the server's two
cores); the single-client requests decompress and check what they get. The catalogue's
ratio is also printed for a client that takes no compression (the page sent as it is),
and the bare view's own worker CPU per request, for the cached pages' CPU to compare
with. Before any figure is taken both servers are left to finish starting (their
workers' CPU still), and each throughput comparison begins with a short round of both
addresses that is not counted: a worker's first requests load code and templates, which
a worker that has served for a while has done.

The last line: ``catalogue_ratio=<cached anonymous catalogue / bare>
uncached_cpu_ms=<catalogue, page cache off> uncached_p95_ms=<single client>
sitemap_cpu_ms=<largest sitemap page, rendered>``.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from support import catalogue_data

BASE_DIR = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# What Chromium sends; IDENTITY is a client that takes no compression.
BROWSER = {"Host": "127.0.0.1", "Accept-Encoding": "gzip, deflate, br, zstd"}
IDENTITY = {"Host": "127.0.0.1"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with 2 sync workers on a loopback port."""

    def __init__(self, env: dict):
        self.port = free_port()
        command = [
            sys.executable, "-m", "gunicorn", "bench.support.wsgi:application", "--workers", "2",
            "--worker-class", "sync", "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning",
            "--backlog", "64",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=BASE_DIR, env=env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if get(self.port, "/bench/bare/")[0] == 200 and len(self.workers()) == 2:
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def cpu_seconds(self) -> float:
        total = 0
        for pid in self.workers():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / CLOCK_TICKS

    def settle(self, *, quiet_seconds: float = 0.05, timeout: float = 30) -> None:
        """Wait until the workers have finished starting: no CPU used for half a second."""
        deadline = time.monotonic() + timeout
        before = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(0.5)
            now = self.cpu_seconds()
            if now - before <= quiet_seconds:
                return
            before = now

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def get(port: int, path: str, headers: dict = BROWSER, *, decode: bool = True) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        received = {k.lower(): v for k, v in response.getheaders()}
        body = response.read()
        if decode and received.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        return response.status, received, body
    finally:
        connection.close()


def single_client(server: Server, path: str, count: int, before=None) -> dict:
    """Sequential requests: latency percentiles, worker CPU and queries per request."""
    timings, queries = [], []
    cpu = 0.0
    for _ in range(count):
        if before:
            before()
        cpu_before = server.cpu_seconds()
        start = time.perf_counter()
        status, headers, _body = get(server.port, path)
        timings.append((time.perf_counter() - start) * 1000)
        time.sleep(0.02)  # let the worker finish its accounting before /proc is read
        cpu += server.cpu_seconds() - cpu_before
        assert status == 200, (path, status)
        queries.append(int(headers.get("x-bench-queries", "-1")))
    ordered = sorted(timings)
    return {
        "p50": statistics.median(timings),
        "p95": ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))],
        "cpu_ms": cpu / count * 1000,
        "queries": max(queries),
    }


def throughput(port: int, path: str, *, requests: int, connections: int = 8, headers: dict = BROWSER) -> float:
    """Requests per second with ``connections`` clients sharing a fixed number of requests."""
    remaining = [requests]
    lock = threading.Lock()
    failures = []

    def client():
        while True:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            status, _h, _b = get(port, path, headers, decode=False)
            if status != 200:
                failures.append(status)

    threads = [threading.Thread(target=client) for _ in range(connections)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    assert not failures, failures[:5]
    return requests / elapsed


def ratio(port: int, path: str, *, requests: int, pairs: int, headers: dict = BROWSER) -> tuple[float, float, float]:
    """Throughput of ``path`` over the bare view's: the median over ``pairs`` rounds of
    A then B (after one pair not counted), with the mean requests per second of each."""
    get(port, path, headers)  # fill the page cache
    throughput(port, path, requests=requests // 4, headers=headers)
    throughput(port, "/bench/bare/", requests=requests // 4, headers=headers)
    page, bare = [], []
    for _ in range(pairs):
        page.append(throughput(port, path, requests=requests, headers=headers))
        bare.append(throughput(port, "/bench/bare/", requests=requests, headers=headers))
    each = [a / b for a, b in zip(page, bare, strict=True)]
    return statistics.median(each), statistics.mean(page), statistics.mean(bare)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=400, help="requests per throughput round")
    parser.add_argument("--pairs", type=int, default=5, help="page/bare throughput rounds per ratio")
    parser.add_argument("--samples", type=int, default=60, help="sequential requests per page")
    args = parser.parse_args()

    prefix = f"bench-catalogue-{uuid.uuid4().hex[:8]}"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.support.settings",
            "DJANGO_ENV": "development",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1,testserver",
            "CACHE_KEY_PREFIX": prefix,
            "PYTHONPATH": str(BASE_DIR),
        }
    )
    server_url, db_name = catalogue_data.use_own_database("portal_bench_catalogue")
    print(f"database {db_name}, cache prefix {prefix}", flush=True)
    servers: list[Server] = []
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from core import generations
        from members.models import Member

        call_command("migrate", verbosity=0)
        catalogue_data.build(args.members)
        profile = Member.objects.filter(status="active", is_public=True).order_by("name")[0].slug
        connection.close()

        pages = {
            "catalogue": "/en/members/",
            "search": "/en/members/?q=kamery",
            "filtered": "/en/members/?service=lighting&city=Krak%C3%B3w&language=en",
            "profile": f"/en/members/{profile}/",
            "sitemap": "/sitemap-members.xml",
        }
        cached = Server(dict(os.environ))
        servers.append(cached)
        uncached = Server(dict(os.environ, PAGE_CACHE_SECONDS="0"))
        servers.append(uncached)
        for server in servers:
            server.settle()

        single_client(cached, "/bench/bare/", 20)  # each worker's first requests import the URLconf
        bare = single_client(cached, "/bench/bare/", args.samples)
        print(f"bare view  p50 {bare['p50']:.1f} ms p95 {bare['p95']:.1f} ms, cpu {bare['cpu_ms']:.1f} ms", flush=True)
        results = {}
        for name, path in pages.items():
            if name == "sitemap":
                continue
            rel, rps, bare_rps = ratio(cached.port, path, requests=args.requests, pairs=args.pairs)
            warm = single_client(cached, path, args.samples)
            # Warm both workers (a sync worker takes whichever connection comes): the counts
            # and searches the page reads are cached now, and each process has compiled its
            # templates and loaded what it keeps, as a worker that has served for a while.
            single_client(uncached, path, 20)
            cold = single_client(uncached, path, args.samples)
            results[name] = (rel, warm, cold)
            print(
                f"{name:10} cached: {rel:.2f}x bare ({rps:.0f} vs {bare_rps:.0f} req/s), "
                f"p50 {warm['p50']:.1f} ms p95 {warm['p95']:.1f} ms, cpu {warm['cpu_ms']:.1f} ms, "
                f"{warm['queries']} queries | page cache off: p50 {cold['p50']:.1f} ms p95 {cold['p95']:.1f} ms, "
                f"cpu {cold['cpu_ms']:.1f} ms, {cold['queries']} queries",
                flush=True,
            )
            if name == "catalogue":
                plain, plain_rps, plain_bare_rps = ratio(
                    cached.port, path, requests=args.requests, pairs=args.pairs, headers=IDENTITY
                )
                print(
                    f"{name:10} cached, client without gzip: {plain:.2f}x bare "
                    f"({plain_rps:.0f} vs {plain_bare_rps:.0f} req/s)",
                    flush=True,
                )

        def forget_everything():
            generations.bump("members")

        rendered = single_client(uncached, "/en/members/", max(10, args.samples // 3), before=forget_everything)
        print(
            f"catalogue with nothing cached (counts, facets and page rebuilt): p50 {rendered['p50']:.1f} ms "
            f"p95 {rendered['p95']:.1f} ms, cpu {rendered['cpu_ms']:.1f} ms, {rendered['queries']} queries",
            flush=True,
        )
        sitemap = single_client(uncached, pages["sitemap"], 10, before=forget_everything)
        sitemap_cached = single_client(cached, pages["sitemap"], 10)
        status, _h, body = get(cached.port, pages["sitemap"])
        urls = body.count(b"<url>")
        print(
            f"sitemap page ({urls} URLs): rendered p50 {sitemap['p50']:.1f} ms, cpu {sitemap['cpu_ms']:.1f} ms, "
            f"{sitemap['queries']} queries | cached p50 {sitemap_cached['p50']:.1f} ms",
            flush=True,
        )
        connection.close()
    finally:
        for server in servers:
            server.stop()
        catalogue_data.drop_database(server_url, db_name)
        clear_prefix(prefix)
    catalogue = results["catalogue"]
    print(
        f"catalogue_ratio={catalogue[0]:.2f} uncached_cpu_ms={catalogue[2]['cpu_ms']:.1f} "
        f"uncached_p95_ms={catalogue[2]['p95']:.1f} sitemap_cpu_ms={sitemap['cpu_ms']:.1f}"
    )
    return 0


def clear_prefix(prefix: str) -> None:
    import redis
    from django.conf import settings

    client = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    for key in client.scan_iter(f"{prefix}:*", count=1000):
        client.delete(key)


if __name__ == "__main__":
    raise SystemExit(main())
