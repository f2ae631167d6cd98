"""The site search's providers: each app that has content to find registers one.

Core knows only this protocol; an app implements it in its own ``search.py`` and
registers an instance in its ``AppConfig.ready()``::

    from core.search import registry
    registry.register(NewsSearch())

A provider decides itself what the person asking may see (public rows for everyone,
members-only rows only for cluster members), builds its rows' documents with
``core.search.documents`` and keeps them current. The site search asks every provider
in ``order``; the suggestions while typing ask those that implement ``suggest``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from django.db.models import QuerySet

from .query import Query


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    summary: str = ""
    meta: str = ""  # a short line: a city, a date, a category
    members_only: bool = False


@dataclass
class SearchGroup:
    kind: str
    label: str
    total: int
    hits: list[SearchHit] = field(default_factory=list)
    more_url: str = ""  # the app's own list page with this search, when it has one


@dataclass(frozen=True)
class Suggestion:
    label: str
    url: str
    kind: str


@runtime_checkable
class SearchProvider(Protocol):
    kind: str  # stable identifier, e.g. "members"
    order: int  # position of its group on the results page

    def label(self) -> str:
        """The group's heading, in the current language."""

    def search(self, query: Query, *, user, limit: int) -> SearchGroup:
        """The first ``limit`` hits the user may see, best first, and how many there are."""

    def documents(self) -> Iterable[QuerySet]:
        """Querysets over every indexed row (with a ``search_document`` field), for the vocabulary."""

    def rebuild(self) -> int:
        """Recompute every document of this provider; returns how many."""


_providers: dict[str, SearchProvider] = {}


def register(provider: SearchProvider) -> None:
    if not isinstance(provider, SearchProvider):
        raise TypeError(f"{provider!r} does not implement core.search.registry.SearchProvider")
    _providers[provider.kind] = provider


def providers() -> list[SearchProvider]:
    return sorted(_providers.values(), key=lambda provider: (provider.order, provider.kind))


def suggesters() -> list:
    return [provider for provider in providers() if callable(getattr(provider, "suggest", None))]
