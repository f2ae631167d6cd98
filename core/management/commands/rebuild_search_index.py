"""Recompute every search document of every provider, then the vocabulary."""

from django.core.management.base import BaseCommand

from core.search import registry, vocabulary


class Command(BaseCommand):
    help = "Recompute every search document (members, news, events, productions…) and the search vocabulary."

    def handle(self, *args, **options):
        for provider in registry.providers():
            count = provider.rebuild()
            self.stdout.write(f"{provider.kind}: {count} documents")
        size = vocabulary.rebuild([qs for provider in registry.providers() for qs in provider.documents()])
        self.stdout.write(f"vocabulary: {size} words")
