"""Benchmark of the coordinator's dashboard: queries and time for a small and a large cluster.

    python -m cluster_portal.launcher exec -- python bench/desk_dashboard.py --scale 20

Creates its own database (``portal_bench_desk_<pid>`` on the server of DATABASE_URL)
and drops it at the end. Fills it twice (one unit, then ``--scale`` units; a unit is
10 firms, 10 leads with 30 responses and 40 status changes, 10 inquiries, 4 events
with 60 registrations and 40 digest deliveries spread over a year) and each time
renders the admin home as a coordinator, counting queries and timing the median of 5.

The last line: ``queries_small=<n> queries_large=<n> ms_small=<n> ms_large=<n> rows_large=<n>``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def with_db(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def admin_sql(server_url: str, sql: str) -> None:
    import psycopg

    url = with_db(server_url, "postgres").replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


def fill(unit: int) -> int:
    """One unit of a year's activity, written in bulk; returns the rows written."""
    import datetime as dt
    import random

    from django.utils import timezone

    from accounts.models import User
    from digests.models import DigestDelivery
    from events.models import Event, Registration
    from members.models import Member
    from productions.models import LeadResponse, LeadStatusChange, ProductionInquiry, ProductionLead

    rng = random.Random(unit)
    now = timezone.now()

    def ago() -> dt.datetime:
        return now - dt.timedelta(days=rng.randint(0, 360), hours=rng.randint(0, 23))

    firms = Member.objects.bulk_create(
        Member(name=f"Firm {unit}-{i}", slug=f"firm-{unit}-{i}", city="Kraków") for i in range(10)
    )
    leads = ProductionLead.objects.bulk_create(
        ProductionLead(title=f"Lead {unit}-{i}", kind=rng.choice(ProductionLead.Kind.values)) for i in range(10)
    )
    statuses = ProductionLead.Status.values
    LeadStatusChange.objects.bulk_create(
        LeadStatusChange(lead=rng.choice(leads), status=rng.choice(statuses), reached_at=ago()) for _ in range(40)
    )
    pairs = {(rng.choice(leads).pk, rng.choice(firms).pk) for _ in range(30)}
    LeadResponse.objects.bulk_create(LeadResponse(lead_id=lead, member_id=member) for lead, member in pairs)
    ProductionInquiry.objects.bulk_create(
        ProductionInquiry(
            producer_name="P", company="C", country="NO", email="p@example.org", project_title=f"P{i}", message="m"
        )
        for i in range(10)
    )
    events = []
    for i in range(4):
        start = ago()
        events.append(
            Event(title=f"Event {unit}-{i}", slug=f"event-{unit}-{i}", starts_at=start, ends_at=start, capacity=20)
        )
    events = Event.objects.bulk_create(events)
    Registration.objects.bulk_create(
        Registration(
            event=events[i % 4],
            name="G",
            email=f"g{unit}-{i}@example.org",
            status="confirmed",
            attended_at=now if i % 2 else None,
        )
        for i in range(60)
    )
    users = User.objects.bulk_create(User(email=f"u{unit}-{i}@example.org") for i in range(40))
    DigestDelivery.objects.bulk_create(
        DigestDelivery(
            user=user,
            frequency="weekly",
            period_start=ago().date(),
            period_end=now.date(),
            state=rng.choice(["sent", "failed"]),
        )
        for user in users
    )
    return 10 + 10 + 40 + len(pairs) + 10 + 4 + 60 + 40 + 40


def measure(client) -> tuple[int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/admin/")  # warm caches
    with CaptureQueriesContext(connection) as context:
        response = client.get("/admin/")
    assert response.status_code == 200, response.status_code
    queries = len(context.captured_queries)  # before the next request resets the log
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        client.get("/admin/")
        timings.append((time.perf_counter() - start) * 1000)
    return queries, statistics.median(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=20, help="units of activity in the large cluster")
    args = parser.parse_args()

    server_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cluster_portal")
    db_name = f"portal_bench_desk_{os.getpid()}"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "cluster_portal.settings",
            "DJANGO_ENV": "development",
            "DEBUG": "0",
            "DATABASE_URL": with_db(server_url, db_name),
            "ALLOWED_HOSTS": "testserver",
        }
    )
    print(f"creating database {db_name}", flush=True)
    admin_sql(server_url, f'CREATE DATABASE "{db_name}"')
    try:
        import django

        django.setup()
        from django.contrib.auth.models import Group
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from accounts.models import User

        call_command("migrate", verbosity=0)
        coordinator = User.objects.create_user(email="bench-coordinator@example.org", is_staff=True)
        coordinator.groups.add(Group.objects.get(name="Coordinator"))
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(coordinator)

        rows_small = fill(0)
        queries_small, ms_small = measure(client)
        print(f"small cluster: {rows_small} rows, {queries_small} queries, {ms_small:.1f} ms", flush=True)
        rows_large = rows_small + sum(fill(unit) for unit in range(1, args.scale))
        queries_large, ms_large = measure(client)
        print(f"large cluster: {rows_large} rows, {queries_large} queries, {ms_large:.1f} ms", flush=True)
        connection.close()
    finally:
        admin_sql(server_url, f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
    print(
        f"queries_small={queries_small} queries_large={queries_large} "
        f"ms_small={ms_small:.1f} ms_large={ms_large:.1f} rows_large={rows_large}"
    )
    return 0 if queries_small == queries_large else 1


if __name__ == "__main__":
    raise SystemExit(main())
