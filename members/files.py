"""Stored images of members (logos, gallery pictures) leave storage with their rows.

A file is deleted only once the transaction that dropped it has committed, so a
rolled-back delete or replacement keeps it, and only when no row of any model still
points at it. Deletion goes through the storage API, so it works on S3 as on disk.
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.db import models, transaction

from core.images import delete_image

logger = logging.getLogger(__name__)


def file_is_referenced(name: str) -> bool:
    """Whether any row (of any app) still stores this file name in a file field."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and model._base_manager.filter(**{field.name: name}).exists():
                return True
    return False


def discard_file(name: str, storage) -> None:
    """Delete a file and its thumbnails unless a row references it; never raise."""
    try:
        if name and not file_is_referenced(name):
            delete_image(name, storage)
    except Exception:  # the rows are committed already; a leftover file is no reason to fail
        logger.warning("could not delete %s from storage", name, exc_info=True)


def discard_file_on_commit(name: str, storage, *, using: str | None = None) -> None:
    if name:
        transaction.on_commit(lambda: discard_file(name, storage), using=using)
