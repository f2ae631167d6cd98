"""Data for the multi-host proof, written on its operations host with the production
settings: ``python tests/deploy/lab_seed.py --digest-users N``. Prints one JSON line.

A member firm with one editor (the journey logs in as them), an upcoming event open for
registration, N digest subscribers with a week of content (the digest benchmark's data),
and two beat entries the coordinator could add in the admin: a tick every 2 s (to see
beat's runs) and the stale-delivery sweep every 5 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import runpy
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))

import django  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cluster_portal.settings")

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_celery_beat.models import IntervalSchedule, PeriodicTask  # noqa: E402

from accounts.models import Membership, User  # noqa: E402
from events.models import Event  # noqa: E402
from members.models import Member  # noqa: E402

PASSWORD = "lab-member-password-7f3a"  # noqa: S105 - a throw-away database


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--digest-users", type=int, default=120)
    args = parser.parse_args()
    content = runpy.run_path(str(BASE_DIR / "bench" / "digest.py"))["create_data"](args.digest_users)

    firm = Member.objects.create(
        name="Lab Studio",
        slug="lab-studio",
        city="Kraków",
        tagline_en="Cameras and lights",
        tagline_pl="Kamery i światło",
        email="office@lab-studio.example.org",
        status=Member.Status.ACTIVE,
    )
    user = User.objects.create_user(email="lab-member@example.org", password=PASSWORD, name="Lab Member")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Membership.objects.create(user=user, member=firm, role=Membership.Role.EDITOR)
    starts = timezone.now() + dt.timedelta(days=10)
    Event.objects.create(
        title_en="Lab workshop",
        title_pl="Warsztat laboratoryjny",
        slug="lab-workshop",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        venue_en="Krakow Technology Park",
        venue_pl="Krakowski Park Technologiczny",
        capacity=30,
    )
    every_2s, _ = IntervalSchedule.objects.get_or_create(every=2, period=IntervalSchedule.SECONDS)
    every_5s, _ = IntervalSchedule.objects.get_or_create(every=5, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(name="lab-tick", task="core.tasks.heartbeat", interval=every_2s)
    PeriodicTask.objects.create(
        name="lab-sweep",
        task="digests.tasks.sweep_stale_deliveries",
        interval=every_5s,
        kwargs=json.dumps({"stale_after_seconds": 8}),
    )
    print(
        json.dumps({"member": firm.slug, "email": user.email, "password": PASSWORD, "event": "lab-workshop", **content})
    )


if __name__ == "__main__":
    main()
