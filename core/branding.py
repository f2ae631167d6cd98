"""The cluster's name, texts, colours and logo: the coordinator's Branding record, with
the settings (``CLUSTER_NAME``, ``CLUSTER_NAME_EN``) and the stylesheet's colours where
it says nothing.

The record is read once per change: it is kept in the cache until it is saved again,
and a save also makes every cached public page stale (the page cache's ``site`` kind),
so a new name or colour shows on every page at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.functional import lazy
from django.utils.translation import get_language

from . import generations
from .models import Branding
from .pagecache import SITE

CACHE_KEY = "branding:record"
FIELDS = [f.attname for f in Branding._meta.concrete_fields if f.attname not in {"id", "updated_at"}]


@dataclass(frozen=True)
class Brand:
    """What pages and emails show; ``values`` are the record's fields ('' when unset)."""

    values: dict
    version: str

    def _text(self, field: str, language: str | None = None) -> str:
        language = (language or get_language() or settings.LANGUAGE_CODE)[:2]
        other = "pl" if language == "en" else "en"
        return self.values.get(f"{field}_{language}") or self.values.get(f"{field}_{other}") or ""

    def name(self, language: str | None = None) -> str:
        language = language or get_language() or settings.LANGUAGE_CODE
        own = self.values.get("name_en" if language.startswith("en") else "name_pl")
        return own or (settings.CLUSTER_NAME_EN if language.startswith("en") else settings.CLUSTER_NAME)

    @property
    def exists(self) -> bool:
        """Whether the coordinator has saved the record at all."""
        return self.version != "0"

    @property
    def about(self) -> str:
        return self._text("about")

    @property
    def description(self) -> str:
        return self._text("description")

    @property
    def address(self) -> str:
        return self.values.get("address", "")

    @property
    def colours(self) -> dict[str, str]:
        """The stylesheet's custom properties this cluster sets (validated #rrggbb)."""
        names = {
            "--brand-primary": "primary_colour",
            "--brand-primary-contrast": "primary_contrast_colour",
            "--brand-accent": "accent_colour",
        }
        return {prop: self.values[field] for prop, field in names.items() if self.values.get(field)}

    @property
    def logo_url(self) -> str:
        name = self.values.get("logo")
        if not name:
            return ""
        return Branding._meta.get_field("logo").storage.url(name)


def current() -> Brand:
    """The branding in force (one cache read; the database only after a change)."""
    stored = cache.get(CACHE_KEY)
    if stored is None:
        record = Branding.objects.filter(pk=1).values(*FIELDS, "updated_at").first()
        version = record.pop("updated_at").strftime("%Y%m%d%H%M%S%f") if record else "0"
        stored = {"values": record or {}, "version": version}
        cache.set(CACHE_KEY, stored, None)
    return Brand(values=stored["values"], version=stored["version"])


def cluster_name(language: str | None = None) -> str:
    """The name in ``language`` (default: the active one); Polish unless English is asked for."""
    return current().name(language)


# For values fixed at import time that must follow the request's language (the admin header).
cluster_name_lazy = lazy(cluster_name, str)


def _changed(**kwargs) -> None:
    cache.delete(CACHE_KEY)
    generations.bump_on_commit(SITE)


post_save.connect(_changed, sender=Branding, dispatch_uid="core.branding.changed")
post_delete.connect(_changed, sender=Branding, dispatch_uid="core.branding.deleted")
