"""Reads of the locations library: what the public may see, the filtered library, the
map data and a location's page.

Every public read starts from ``public_locations()`` (published, and its managing firm
public), and every field that leaves for the public goes through ``map_feature`` or the
templates' public parts; members' extra details are added by the view only for
``accounts.access.is_cluster_member``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.contrib.postgres.search import SearchRank
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Prefetch, Q, QuerySet

from core.images import thumbnail_url
from core.search import query as search_query
from members.models import PUBLIC_NOW, Member
from productions import selectors as production_selectors

from .filters import LocationFilter
from .models import PUBLIC, Location, LocationCategory, LocationPhoto

GENERATION = "locations"
PER_PAGE = 24
MAP_LIMIT = 1000  # markers in one map response; the region's library is far smaller
NEARBY = 4


def public_locations() -> QuerySet[Location]:
    return Location.objects.filter(PUBLIC)


def _for_cards(queryset: QuerySet[Location]) -> QuerySet[Location]:
    return queryset.select_related("manager").prefetch_related(
        Prefetch("categories", queryset=LocationCategory.objects.select_related("parent")),
        Prefetch("photos", queryset=LocationPhoto.objects.order_by("position", "id")),
    )


@dataclass
class Library:
    filterset: LocationFilter
    page: Page
    paginator: Paginator
    locations: list[Location]
    total: int
    query: str


def filtered_locations(params) -> tuple[LocationFilter, QuerySet[Location], str]:
    """The filter set and the public locations it selects, best match first when searched."""
    filterset = LocationFilter(params, queryset=public_locations())
    queryset = filterset.qs
    raw = (params.get("q") or "").strip()
    if raw:
        parsed, _keys = search_query.parse(raw)
        tsquery = parsed.search_query()
        if tsquery is None:
            queryset = queryset.none()
        else:
            queryset = queryset.filter(search_vector=tsquery).annotate(rank=SearchRank(F("search_vector"), tsquery))
            return filterset, queryset.order_by("-rank", "name", "id"), raw
    return filterset, queryset.order_by("name", "id"), raw


def library_page(params, *, page_number) -> Library:
    filterset, queryset, raw = filtered_locations(params)
    paginator = Paginator(_for_cards(queryset), PER_PAGE)
    page = paginator.page(page_number or 1)
    return Library(filterset, page, paginator, list(page.object_list), paginator.count, raw)


def map_feature(location: Location) -> dict:
    """One GeoJSON feature with only what the public may see."""
    latitude, longitude = location.public_position()
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
        "properties": {
            "name": location.name,
            "url": location.get_absolute_url(),
            "municipality": location.municipality,
            "setting": location.get_setting_display(),
            "exact": location.show_exact_position,
        },
    }


def map_data(params) -> dict:
    """The filtered public locations as a GeoJSON FeatureCollection: one query."""
    only = params.get("only")
    if only:  # one location's own map (its page)
        queryset = public_locations().filter(slug=only.replace("\x00", "")[:200])
    else:
        _filterset, queryset, _raw = filtered_locations(params)
    fields = ("id", "slug", "name_pl", "name_en", "municipality", "setting", "latitude", "longitude")
    rows = queryset.only(*fields, "show_exact_position")[:MAP_LIMIT]
    return {"type": "FeatureCollection", "features": [map_feature(location) for location in rows]}


def public_location_page(slug: str) -> Location:
    """A public location with everything its page shows; Location.DoesNotExist otherwise."""
    return _for_cards(public_locations()).get(slug=slug)


def showcase_productions(location: Location) -> list:
    """The productions of the public showcase shot at this location."""
    return list(production_selectors.showcase().filter(library_locations=location))


def nearby_locations(location: Location, *, limit: int = NEARBY) -> list[Location]:
    """The closest other public locations (within the region a plain distance is enough)."""
    latitude, longitude = float(location.latitude), float(location.longitude)
    scale = math.cos(math.radians(latitude))
    candidates = list(
        public_locations()
        .exclude(pk=location.pk)
        .only("slug", "name_pl", "name_en", "municipality", "latitude", "longitude", "manager")
    )
    candidates.sort(
        key=lambda other: (float(other.latitude) - latitude) ** 2 + ((float(other.longitude) - longitude) * scale) ** 2
    )
    return candidates[:limit]


def managed_by_choices() -> list[tuple[str, str]]:
    """Public members that manage public locations, for the "managed by" filter."""
    members = Member.objects.filter(PUBLIC_NOW, locations__in=public_locations()).distinct().order_by("name")
    return [(member.slug, member.name) for member in members.only("slug", "name")]


def municipality_choices() -> list[tuple[str, str]]:
    names = public_locations().order_by("municipality").values_list("municipality", flat=True).distinct()
    return [(name, name) for name in names]


def category_counts() -> dict[int, int]:
    rows = (
        LocationCategory.objects.filter(Q(locations__in=public_locations()))
        .annotate(count=Count("locations"))
        .values_list("pk", "count")
    )
    return dict(rows)


def locations_managed_by(member_ids: list[int]) -> QuerySet[Location]:
    """Every location (published or not) of these firms, for their own editor."""
    return Location.objects.filter(manager_id__in=member_ids).select_related("manager").order_by("name", "id")


def card_picture(location: Location) -> tuple[str, str]:
    photos = list(location.photos.all())
    if not photos:
        return "", ""
    return thumbnail_url(photos[0].image, 480, 300, crop=True), photos[0].alt_text
