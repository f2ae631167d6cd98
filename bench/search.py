"""Benchmark of the site search: latency and SQL queries per search at catalogue scale.

    python -m cluster_portal.launcher exec -- python bench/search.py --members 10000

Creates its own database (``portal_bench_search_<pid>`` on the server of DATABASE_URL)
and its own cache key prefix, and drops both at the end. Loads the demo content (news,
events, people, locations, the filming guide: every kind the site search reads has
something to find) and builds a catalogue of 100
members (bench/support/catalogue_data.py) and counts the queries of every search of a fixed mix
of 200 (Polish and English, inflected, misspelt, with and without diacritics, with city
words); grows it to ``--members`` and runs the mix again from a single client, each
search cold (its cached results dropped first), timing the whole request to
``/en/search/?q=`` in process.

The last line: ``search_p95_ms=<number> queries_per_search=<number>`` (the most queries
any search of the mix took, at the large size).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import time
import uuid

from support import catalogue_data

BASE_QUERIES = [
    "kamera", "kamery", "kamerami", "kamer", "cameras", "camera rental", "drony", "dronów", "drone", "uav",
    "scenografii", "scenografia", "set design", "oświetlenie", "oswietlenie", "lights", "lighting", "gaffer",
    "color grading", "colour grading", "korekcja barwna", "colorist", "animacja", "animaton", "animation",
    "efekty wizualne", "vfx", "cgi", "dźwięk", "dzwieku", "sound mixing", "montaż", "editing", "kamery kraków",
    "drony w nowym sączu", "zdjęcia lotnicze", "zdjecia lotnicze", "catering", "kostiumy", "charakteryzacja",
]  # fmt: skip
TYPOS = ["kmaery", "lihgting", "scenogafia", "oswietlnie", "animatoin", "dzwiek", "collor grading", "dronny"]


def query_mix() -> list[str]:
    """200 searches: the base list five times, every fifth one a typo instead."""
    mix = []
    for n in range(200):
        mix.append(TYPOS[(n // 5) % len(TYPOS)] if n % 5 == 4 else BASE_QUERIES[n % len(BASE_QUERIES)])
    return mix


def run_mix(client, mix) -> tuple[list[float], list[int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core import generations

    timings, queries = [], []
    for q in mix:
        generations.bump("members", "news", "events", "productions")  # every search cold
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get("/en/search/", {"q": q})
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (q, response.status_code)
        queries.append(len(captured.captured_queries))
    return timings, queries


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=10000)
    args = parser.parse_args()

    prefix = f"bench-search-{uuid.uuid4().hex[:8]}"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "cluster_portal.settings",
            "DJANGO_ENV": "development",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "testserver",
            "CACHE_KEY_PREFIX": prefix,
        }
    )
    server_url, db_name = catalogue_data.use_own_database("portal_bench_search")
    print(f"database {db_name}, cache prefix {prefix}", flush=True)
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from members.search import catalogue_search

        call_command("migrate", verbosity=0)
        call_command("load_demo_data", stdout=io.StringIO())
        client = Client()
        mix = query_mix()

        small = 100
        catalogue_data.build(small)
        client.get("/en/search/", {"q": "kamera"})  # the first request loads what a worker keeps
        _timings, small_queries = run_mix(client, mix)
        print(f"{small} members: queries per search max {max(small_queries)}", flush=True)

        catalogue_data.build(args.members - small, start=small)
        client.get("/en/search/", {"q": "kamera"})
        timings, queries = run_mix(client, mix)
        p50, p95 = statistics.median(timings), percentile(timings, 0.95)
        found = catalogue_search("kamery kraków").total
        print(
            f"{args.members} members: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(timings):.1f} ms; "
            f"queries per search median {statistics.median(queries):.0f} max {max(queries)}; "
            f"'kamery kraków' finds {found} members",
            flush=True,
        )
        connection.close()
    finally:
        catalogue_data.drop_database(server_url, db_name)
        clear_prefix(prefix)
    print(f"search_p95_ms={p95:.1f} queries_per_search={max(queries)}")
    return 0 if max(queries) == max(small_queries) else 1


def clear_prefix(prefix: str) -> None:
    """Remove this run's cache keys (the cache is shared with whatever else runs)."""
    import redis

    from cluster_portal.settings import CACHES

    client = redis.Redis.from_url(CACHES["default"]["LOCATION"])
    for key in client.scan_iter(f"{prefix}:*", count=1000):
        client.delete(key)


if __name__ == "__main__":
    raise SystemExit(main())
