"""``python manage.py load_taxonomy [FILE] [--only-new]``: the service taxonomy from a
file (see members/taxonomy.py). Safe in production and safe to run again."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from members.taxonomy import TaxonomyFileError, default_file, load_taxonomy


class Command(BaseCommand):
    help = "Create or update the service categories (both levels, both languages, synonyms) from a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, help="the taxonomy file (default: settings.TAXONOMY_FILE)")
        parser.add_argument(
            "--only-new",
            action="store_true",
            help="create the categories that are missing and leave existing ones as they were edited",
        )

    def handle(self, *args, file=None, only_new=False, **options):
        path = file or default_file()
        try:
            result = load_taxonomy(path, only_new=only_new)
        except TaxonomyFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Taxonomy from {path}: {len(result.created)} created, {len(result.updated)} updated, "
                f"{len(result.unchanged)} unchanged."
            )
        )
