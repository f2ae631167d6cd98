"""Backups of an installation: the database as a ``pg_dump`` custom-format file and the
uploaded files as a tar archive, side by side in one folder.

``python manage.py backup [--to FOLDER]`` (``make backup``) writes
``var/backups/<UTC time>/database.dump`` and ``media.tar.gz``; ``python manage.py restore
FOLDER`` (``make restore FROM=…``) brings both back, the database with ``pg_restore
--clean --if-exists`` so it works on an empty database as on a used one. With media on an
S3-compatible bucket (``MEDIA_STORAGE=s3``) only the database is dumped: the bucket's own
versioning keeps the files (see README).

The PostgreSQL client programs come from the embedded server's package when it is
installed (its version always matches or exceeds the server's), else from ``PATH``.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections
from psycopg.conninfo import make_conninfo

try:  # the embedded PostgreSQL's own client programs
    from pgserver._commands import POSTGRES_BIN_PATH
except ImportError:  # pragma: no cover - a production image without pgserver
    POSTGRES_BIN_PATH = None


class BackupError(RuntimeError):
    pass


def _program(name: str) -> str:
    if POSTGRES_BIN_PATH and (Path(POSTGRES_BIN_PATH) / name).exists():
        return str(Path(POSTGRES_BIN_PATH) / name)
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed")
    return found


def conninfo(database: dict | None = None, *, dbname: str | None = None) -> str:
    """libpq connection string of the default database (as Django connects to it)."""
    params = connections["default"].get_connection_params() if database is None else dict(database)
    if dbname:
        params["dbname"] = dbname
    wanted = ("dbname", "user", "password", "host", "port", "sslmode")
    return make_conninfo(**{key: str(params[key]) for key in wanted if params.get(key)})


def media_is_local() -> bool:
    return settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def create_backup(target: Path | None = None, *, database: dict | None = None) -> Path:
    folder = target or Path(settings.BASE_DIR) / "var" / "backups" / datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%SZ")
    folder.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(  # noqa: S603
        [
            _program("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(folder / "database.dump"),
            "--dbname",
            conninfo(database),
        ],  # fmt: skip
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    if media_is_local() and Path(settings.MEDIA_ROOT).exists():
        with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
            archive.add(settings.MEDIA_ROOT, arcname="media")
    return folder


def restore_backup(folder: Path, *, database: dict | None = None, dbname: str | None = None) -> None:
    dump = folder / "database.dump"
    if not dump.exists():
        raise BackupError(f"no database.dump in {folder}")
    result = subprocess.run(  # noqa: S603
        [
            _program("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--dbname",
            conninfo(database, dbname=dbname),
            str(dump),
        ],  # fmt: skip
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    media = folder / "media.tar.gz"
    if media.exists() and media_is_local():
        root = Path(settings.MEDIA_ROOT)
        root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(media) as archive:
            members = [m for m in archive.getmembers() if m.name.startswith("media/")]
            for member in members:
                member.name = member.name.removeprefix("media/")
            archive.extractall(root, members=[m for m in members if m.name], filter="data")
