"""Load the demo cluster: idempotent, so `make run` can call it on every start.

Each app that has demo content provides ``<app>/demo.py`` with ``load(*, stdout)``;
they run in dependency order, each in its own transaction. The command lives in the
coordinator's desk, the one app that may import every domain app (``core`` imports
none). Refuses to run in production: the demo accounts have a published password.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import demo as accounts_demo
from cooperation import demo as cooperation_demo
from core import demo as core_demo
from digests import demo as digests_demo
from events import demo as events_demo
from filming import demo as filming_demo
from locations import demo as locations_demo
from members import demo as members_demo
from news import demo as news_demo
from people import demo as people_demo
from productions import demo as productions_demo

DEMO_MODULES = [
    core_demo,
    accounts_demo,
    members_demo,
    productions_demo,
    news_demo,
    events_demo,
    cooperation_demo,
    people_demo,
    filming_demo,
    locations_demo,
    digests_demo,
]


class Command(BaseCommand):
    help = "Create or refresh the demo cluster's data (never in production)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo data is never loaded when DJANGO_ENV=production.")
        for module in DEMO_MODULES:
            with transaction.atomic():
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
