"""Locations in the search: their documents and the site-search provider.

A location's document holds only what a public page shows (names, categories,
municipality, description, access and seasonal notes): never its exact address or
contacts, so no word of them can be found or guessed through the search.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core.search import indexing
from core.search.registry import SearchGroup, SearchHit

from . import selectors
from .models import Location
from .selectors import GENERATION  # noqa: F401 - the generation's name is the selectors'


def location_groups(location: Location) -> dict[str, list]:
    names = [location.name_pl, location.name_en]
    for category in location.categories.all():
        names += [category.name_pl, category.name_en]
        if category.parent_id:
            names += [category.parent.name_pl, category.parent.name_en]
    return {
        "A": names,
        "B": [location.municipality, location.region],
        "C": [location.description_pl, location.description_en],
        "D": [
            location.access_notes_pl,
            location.access_notes_en,
            location.seasonal_notes_pl,
            location.seasonal_notes_en,
        ],
    }


def is_public(location: Location) -> bool:
    return location.is_public_now


class LocationsSearch:
    kind = "locations"
    order = 25

    def label(self) -> str:
        return str(_("Filming locations"))

    def search(self, query, *, user, limit):
        locations, total = indexing.ranked(selectors.public_locations(), query, limit=limit, then=("name",))
        hits = [
            SearchHit(title=location.name, url=location.get_absolute_url(), meta=location.municipality)
            for location in locations
        ]
        more = f"{reverse('locations:list')}?{urlencode({'q': query.text})}" if total > limit else ""
        return SearchGroup(self.kind, self.label(), total, hits, more_url=more)

    def documents(self):
        return [selectors.public_locations()]

    def rebuild(self) -> int:
        return rebuild_documents(Location.objects.all())


def rebuild_documents(queryset) -> int:
    """Recompute these locations' documents; only public ones add words to the vocabulary
    (``indexing.rebuild`` would add every row's)."""
    rows = list(queryset.select_related("manager").prefetch_related("categories__parent"))
    for location in rows:
        indexing.refresh(Location, location, location_groups, public=is_public)
    return len(rows)
