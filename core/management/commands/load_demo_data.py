"""Load the demo cluster: idempotent, so `make run` can call it on every start.

Each app that has demo content provides ``<app>/demo.py`` with ``load(*, stdout)``;
they run in dependency order. Refuses to run in production: the demo accounts have a
published password.
"""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEMO_MODULES = [
    "accounts.demo",
    "members.demo",
    "productions.demo",
    "news.demo",
    "events.demo",
    "cooperation.demo",
    "people.demo",
    "digests.demo",
]


class Command(BaseCommand):
    help = "Create or refresh the demo cluster's data (never in production)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo data is never loaded when DJANGO_ENV=production.")
        for dotted in DEMO_MODULES:
            try:
                module = import_module(dotted)
            except ModuleNotFoundError as exc:
                if exc.name != dotted:
                    raise
                continue
            with transaction.atomic():
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
