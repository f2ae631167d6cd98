from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, create_backup


class Command(BaseCommand):
    help = "Dump the database (pg_dump custom format) and the uploaded files into one folder."

    def add_arguments(self, parser):
        parser.add_argument("--to", type=Path, help="folder to write (default: var/backups/<UTC time>)")

    def handle(self, *args, **options):
        try:
            folder = create_backup(options["to"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"backup written to {folder}")
