"""A backup brought back into an empty database finds the demo data and the uploads."""

import uuid

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from core import backups
from members.models import Member

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def empty_database():
    name = f"restore_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_restores_into_an_empty_database_with_the_demo_data(tmp_path, empty_database, settings):
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    default_storage.save("backup-check/note.txt", ContentFile(b"kept"))
    members = Member.objects.count()

    folder = backups.create_backup(tmp_path / "backup")
    default_storage.delete("backup-check/note.txt")
    backups.restore_backup(folder, dbname=empty_database)

    with psycopg.connect(backups.conninfo(dbname=empty_database)) as restored:
        count = restored.execute("SELECT count(*) FROM members_member").fetchone()[0]
        coordinator = restored.execute(
            "SELECT is_staff FROM accounts_user WHERE email = 'coordinator@example.org'"
        ).fetchone()
    assert members >= 40
    assert count == members
    assert coordinator == (True,)
    assert (folder / "database.dump").stat().st_size > 0
    assert default_storage.open("backup-check/note.txt").read() == b"kept"


def test_restore_without_a_dump_says_so(tmp_path):
    with pytest.raises(backups.BackupError, match="no database.dump in"):
        backups.restore_backup(tmp_path)
