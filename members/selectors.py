"""Reads of the members area, for its own views and for other apps.

``public_members()`` is the one definition of what the public may see: active and
public members only. Hidden, suspended and former members never leave through it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property, lru_cache
from typing import NamedTuple

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import QueryDict
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language

from core import generations
from core.search.text import fold

from .filters import WINDOW, MemberFilter
from .models import STAFF_LANGUAGES, Member, MemberService, ServiceCategory
from .search import GENERATION, CatalogueSearch, catalogue_search

FACETS = ("service", "city", "language", "kind")
# Who is free changes with every period marked (people, resources, locations): counts
# and pages filtered by a window are built from this kind of content too.
AVAILABILITY = "availability"
_CACHE_SECONDS = 60 * 60


def public_members() -> QuerySet[Member]:
    # A copy of one built queryset: building the filter anew costs ten times as much, on
    # every page that lists members (the built one is never evaluated itself).
    return _public_members().all()


@lru_cache(maxsize=1)
def _public_members() -> QuerySet[Member]:
    return Member.objects.filter(status=Member.Status.ACTIVE, is_public=True)


def members_joined_since(moment: datetime) -> QuerySet[Member]:
    """Public members who joined at or after ``moment`` (for the digest).

    A member's ``member_since`` date is authoritative; members without it count from
    the moment their record was created.
    """
    since_date = timezone.localdate(moment)
    return (
        public_members()
        .filter(Q(member_since__gte=since_date) | Q(member_since__isnull=True, created_at__gte=moment))
        .order_by("name")
    )


def _card_services() -> Prefetch:
    return Prefetch("services", queryset=MemberService.objects.select_related("category"))


def with_card_data(queryset: QuerySet[Member]) -> QuerySet[Member]:
    """What a catalogue card shows, in a fixed number of queries."""
    return queryset.prefetch_related(_card_services())


class CardRow(NamedTuple):
    """A member on a catalogue page known by its id and slug only (the page's cached
    rows): all a cached card needs."""

    pk: int
    slug: str


def load_card_data(members: list[Member | CardRow]) -> list[Member]:
    """These members with what their cards show, for the few cards not cached: one query
    for their services, and one more for the members themselves when only their rows are
    known (``CardRow``: a member gone since is left out)."""
    rows = [member.pk for member in members if isinstance(member, CardRow)]
    found = Member.objects.in_bulk(rows) if rows else {}
    members = [found.get(member.pk) if isinstance(member, CardRow) else member for member in members]
    members = [member for member in members if member is not None]
    prefetch_related_objects(members, _card_services())
    return members


def public_member_profile(slug: str) -> Member:
    """One public member with everything its profile shows (raises DoesNotExist)."""
    return _with_profile_data(public_members()).get(slug=slug)


def member_profile_preview(slug: str) -> Member:
    """Any member, whatever its status, for the coordinator's preview."""
    return _with_profile_data(Member.objects.all()).get(slug=slug)


def _with_profile_data(queryset: QuerySet[Member]) -> QuerySet[Member]:
    return queryset.prefetch_related(
        Prefetch("services", queryset=MemberService.objects.select_related("category__parent")),
        "credits",
        "images",
        "resources",
    )


def public_members_by_slugs(slugs: list[str]) -> list[Member]:
    """Public members in the order of ``slugs`` (a shortlist); unknown slugs are dropped."""
    found = {m.slug: m for m in with_card_data(public_members().filter(slug__in=slugs))}
    return [found[slug] for slug in dict.fromkeys(slugs) if slug in found]


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    children: list[FacetOption] = field(default_factory=list)


def _without(data: QueryDict, key: str) -> QueryDict:
    other = data.copy()
    other.pop(key, None)
    return other


def _filter_state(data: QueryDict) -> str:
    """The filters of a query string in a fixed form (a cache key): order and page do not count."""
    state = sorted((name, value) for name in ("q", *FACETS, *WINDOW) for value in data.getlist(name) if value.strip())
    return hashlib.sha256(repr(state).encode()).hexdigest()[:32]


_FACET_SQL = {
    # Members per service, and per top-level area (a member offering two services of an
    # area counts once for it); the member-service pairs are unique.
    "service": (
        "SELECT 'service', ms.category_id::text, COUNT(*) FROM members_memberservice ms "
        "WHERE ms.member_id IN ({members}) GROUP BY ms.category_id "
        "UNION ALL SELECT 'area', COALESCE(c.parent_id, c.id)::text, COUNT(DISTINCT ms.member_id) "
        "FROM members_memberservice ms JOIN members_servicecategory c ON c.id = ms.category_id "
        "WHERE ms.member_id IN ({members}) GROUP BY COALESCE(c.parent_id, c.id)"
    ),
    "city": "SELECT 'city', m.city, COUNT(*) FROM members_member m WHERE m.id IN ({members}) GROUP BY m.city",
    "language": (
        "SELECT 'language', code, COUNT(DISTINCT m.id) FROM members_member m, unnest(m.languages) AS code "
        "WHERE m.id IN ({members}) GROUP BY code"
    ),
    "kind": "SELECT 'kind', m.kind, COUNT(*) FROM members_member m WHERE m.id IN ({members}) GROUP BY m.kind",
}


def _facets_key(signature: str, data: QueryDict) -> str:
    return f"members:facets:{signature}:{_filter_state(data)}"


def _count_key(signature: str, data: QueryDict) -> str:
    return f"members:count:{signature}:{_filter_state(data)}"


def _rows_key(signature: str, data: QueryDict, page_number, per_page: int) -> str:
    # The raw sort and page: a value the form would refuse only makes a key of its own.
    shown = (_filter_state(data), data.get("sort", ""), str(page_number or ""), per_page)
    return f"members:page-rows:{signature}:{hashlib.sha256(repr(shown).encode()).hexdigest()[:32]}"


def _categories_key(signature: str) -> str:
    return f"members:category-rows:{signature}"


def _facet_counts(
    data: QueryDict, search: CatalogueSearch | None, *, signature: str | None = None, known=None
) -> dict[str, dict[str, int]]:
    """For each facet, members matching all the *other* filters, per value: one statement
    of GROUP BYs (no ORDER BY, no rows loaded), cached per filter state until a member changes."""
    key = _facets_key(signature or generations.signature([GENERATION]), data)
    counts = known if known is not None else cache.get(key)
    if counts is not None:
        return counts
    parts, params = [], []
    for name in FACETS:
        members = MemberFilter(_without(data, name), queryset=public_members(), search=search).qs.order_by()
        sql, member_params = members.values("pk").query.sql_with_params()
        part = _FACET_SQL[name]
        parts.append(part.format(members=sql))
        params += list(member_params) * part.count("{members}")
    counts = {"service": {}, "area": {}, "city": {}, "language": {}, "kind": {}}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for facet, value, count in cursor.fetchall():
            counts[facet][value] = count
    cache.set(key, counts, _CACHE_SECONDS)
    return counts


def _categories(*, signature: str | None = None, known=None) -> list[ServiceCategory]:
    key = _categories_key(signature or generations.signature([GENERATION]))
    categories = known if known is not None else cache.get(key)
    if categories is None:
        categories = list(ServiceCategory.objects.order_by("position", "slug"))
        cache.set(key, categories, _CACHE_SECONDS)
    return categories


def catalogue_facets(
    data: QueryDict,
    search: CatalogueSearch | None = None,
    *,
    signature: str | None = None,
    categories_signature: str | None = None,
    cached: dict | None = None,
) -> dict[str, list[FacetOption]]:
    """Counts next to each filter option: members matching all the *other* filters.

    One statement at most (none when cached), whatever the number of members or options.
    ``cached`` holds what the caller already read from the cache in the same round trip.
    """
    signature = signature or generations.signature([GENERATION])
    cached = cached or {}
    counts = _facet_counts(data, search, signature=signature, known=cached.get(_facets_key(signature, data)))
    chosen = {name: set(data.getlist(name)) for name in FACETS}
    typed_cities = {fold(city.strip()) for city in chosen["city"]}  # "krakow" in a link is Kraków
    chosen["city"] |= {city for city in counts["city"] if fold(city) in typed_cities}

    categories_signature = categories_signature or signature
    categories = _categories(signature=categories_signature, known=cached.get(_categories_key(categories_signature)))
    options = {}
    for c in categories:
        count = counts["area" if c.parent_id is None else "service"].get(str(c.pk), 0)
        options[c.pk] = FacetOption(c.slug, c.name, count, c.slug in chosen["service"])
    services = []
    for category in categories:
        option = options[category.pk]
        if category.parent_id is None:
            services.append(option)
        elif category.parent_id in options:
            options[category.parent_id].children.append(option)
    services = [
        option for option in services if option.count or option.selected or any(c.selected for c in option.children)
    ]
    for option in services:
        option.children = [c for c in option.children if c.count or c.selected]

    cities = [FacetOption(city, city, count, city in chosen["city"]) for city, count in sorted(counts["city"].items())]
    languages = [
        FacetOption(code, str(label), counts["language"].get(code, 0), code in chosen["language"])
        for code, label in STAFF_LANGUAGES
        if counts["language"].get(code) or code in chosen["language"]
    ]
    kinds = [
        FacetOption(value, str(label), counts["kind"].get(value, 0), value in chosen["kind"])
        for value, label in Member.Kind.choices
    ]
    return {"service": services, "city": cities, "language": languages, "kind": kinds}


class _CountedQuerySet:
    """A queryset whose length is known (cached), for the paginator: no COUNT(*) per page."""

    def __init__(self, queryset: QuerySet, count: int):
        self.queryset, self._count = queryset, count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, item):
        return self.queryset[item]


@dataclass
class CataloguePage:
    filterset: MemberFilter
    search: CatalogueSearch | None
    paginator: Paginator
    page: Page
    # Without their card data (the view loads it for cards not cached); rows only when
    # the page's rows came from the cache.
    members: list[Member | CardRow]
    signature: str  # the members' generation the page was built from (cache keys)
    # What the counts were built from: with a window, availability's generation too.
    counts_signature: str = ""
    data: QueryDict = field(default_factory=QueryDict)
    # What the page's cache round trip read besides its own entries (``also``).
    cached: dict = field(default_factory=dict)

    @cached_property
    def facets(self) -> dict[str, list[FacetOption]]:
        """The filters' options with their counts, read (or counted) when first asked:
        a page whose filters are rendered from the cache needs none of it."""
        keys = [_facets_key(self.counts_signature, self.data), _categories_key(self.signature)]
        return catalogue_facets(
            self.data,
            self.search,
            signature=self.counts_signature,
            categories_signature=self.signature,
            cached=cache.get_many(keys),
        )


def _page(paginator: Paginator, number) -> Page:
    """The page asked for ("last" names the last one); InvalidPage for any other word or
    a number out of range, as ListView would."""
    return paginator.page(paginator.num_pages if number == "last" else number or 1)


def catalogue_page(
    data: QueryDict, *, page_number, per_page: int, also: Callable[[str], list[str]] | None = None
) -> CataloguePage:
    """The catalogue for a query string: the search runs once (members.search), its ranked
    ids serve the total, the facet counts and the page; without a search the total is a
    cached count and the page an index scan in name order.

    The members' generation is read once, and the cached count and the page's rows (ids
    and slugs) in one more round trip, with the keys ``also`` names for the page's
    counts signature (the view's fragments; found in ``cached``): a page seen since the
    last change of a member costs no query, its cards coming from their own cache
    (``members.views._cards``). The facets are read when first asked for. With an
    "available between" window the count, the facets and the rows also follow
    availability's generation (a period marked anywhere).
    """
    tokens = generations.current([GENERATION, AVAILABILITY])
    signature = tokens[GENERATION]
    has_window = any(data.get(name) for name in WINDOW)
    counts_signature = f"{signature}.{tokens[AVAILABILITY]}" if has_window else signature
    count_key = _count_key(counts_signature, data)
    rows_key = _rows_key(counts_signature, data, page_number, per_page)
    extra = also(counts_signature) if also else []
    cached = cache.get_many([count_key, rows_key, *extra])
    rows = cached.get(rows_key)
    filterset = MemberFilter(data, queryset=public_members())
    filterset.form.is_valid()  # an invalid search (a NUL in it) is ignored, as any invalid filter
    raw = filterset.form.cleaned_data.get("q") or ""
    search = catalogue_search(raw, correct=not data.get("verbatim"), signature=signature) if raw.strip() else None
    filterset.search = search
    # filterset.qs is built only when rows are to be read: building it (a search's ids
    # in the filter) costs more than a page whose rows are cached.
    if filterset.sorts_by_relevance:
        narrowed = any(data.get(name) for name in (*FACETS, *WINDOW))
        allowed = set(filterset.qs.values_list("pk", flat=True)) if narrowed else None
        paginator = Paginator([pk for pk in search.ids if allowed is None or pk in allowed], per_page)
        page = _page(paginator, page_number)
        if rows is None:
            found = {member.pk: member for member in Member.objects.filter(pk__any=page.object_list)}
            members = [found[pk] for pk in page.object_list if pk in found]
    else:
        total = cached.get(count_key)
        if total is None:
            total = filterset.qs.order_by().count()
            cache.set(count_key, total, _CACHE_SECONDS)
        # With the page's rows known only its place among the others is needed.
        listed = _CountedQuerySet(filterset.qs, total) if rows is None else range(total)
        paginator = Paginator(listed, per_page)
        page = _page(paginator, page_number)
        if rows is None:
            members = list(page.object_list)
    if rows is None:
        cache.set(rows_key, [(member.pk, member.slug) for member in members], _CACHE_SECONDS)
    else:
        members = [CardRow(*row) for row in rows]
    return CataloguePage(
        filterset=filterset,
        search=search,
        paginator=paginator,
        page=page,
        members=members,
        signature=signature,
        counts_signature=counts_signature,
        data=data,
        cached={key: cached[key] for key in extra if key in cached},
    )


@dataclass
class SearchSuggestion:
    label: str
    query: str  # the query string of the catalogue page it leads to
    count: int


def empty_search_suggestions(search: CatalogueSearch, *, limit: int = 6) -> list[SearchSuggestion]:
    """Words that do find something when a search finds nothing: each typed word on its
    own, then the services most members offer."""
    suggestions = []
    words = search.query.words if len(search.query.words) > 1 else ()
    for word in words:
        alone = catalogue_search(word.typed)
        if alone and alone.ids:
            suggestions.append(SearchSuggestion(word.typed, urlencode({"q": word.typed}), alone.total))
    counts = _facet_counts(QueryDict(), None)["service"]
    popular = sorted(
        (c for c in _categories() if c.parent_id and counts.get(str(c.pk))),
        key=lambda c: (-counts[str(c.pk)], c.position, c.slug),
    )
    for category in popular[: max(limit - len(suggestions), 0)]:
        suggestions.append(
            SearchSuggestion(category.name, urlencode({"service": category.slug}), counts[str(category.pk)])
        )
    return suggestions[:limit]


def selected_filter_labels(facets: dict[str, list[FacetOption]]) -> list[str]:
    labels = []
    for options in facets.values():
        for option in options:
            if option.selected:
                labels.append(option.label)
            labels += [child.label for child in option.children if child.selected]
    return labels


def fallback_note_language(instance, field_name: str) -> str | None:
    """The language a translated text is shown in when the current one is empty."""
    current = (get_language() or "pl")[:2]
    if getattr(instance, f"{field_name}_{current}", None):
        return None
    for code in ("pl", "en"):
        if code != current and getattr(instance, f"{field_name}_{code}", None):
            return code
    return None


# --- The "My company" editor ----------------------------------------------------------------


def member_for_editing(*, slug: str):
    return (
        Member.objects.filter(slug=slug)
        .prefetch_related(Prefetch("services", queryset=MemberService.objects.select_related("category__parent")))
        .first()
    )


HISTORY_HIDDEN = {"history_id", "history_date", "history_change_reason", "history_type", "history_user_id", "id"}


def _compared_fields(history_model) -> tuple[list[str], dict]:
    attnames = {f.attname for f in history_model._meta.concrete_fields}
    # A translated field is compared through its _pl/_en columns, not the original one.
    names = [
        name
        for name in sorted(attnames - HISTORY_HIDDEN)
        if f"{name}_pl" not in attnames and f"{name}_en" not in attnames
    ]
    return names, {f.attname: f.verbose_name for f in history_model._meta.concrete_fields}


def _profile_entries(member: Member, limit: int) -> list[dict]:
    records = list(member.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    field_names, labels = _compared_fields(Member.history.model)
    entries = []
    for record, previous in zip(records[:limit], records[1:] + [None], strict=False):
        changed = (
            [] if previous is None else [labels[n] for n in field_names if getattr(record, n) != getattr(previous, n)]
        )
        entries.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "type": record.get_history_type_display(),
                "what": Member._meta.verbose_name,
                "label": "",
                "changed": changed,
            }
        )
    return entries


def _child_label(record) -> str:
    for name in ("title", "name", "caption", "category"):
        value = getattr(record, name, None)
        if value:
            return str(getattr(value, "name", value))
    return ""


def _list_entries(member: Member, limit: int) -> list[dict]:
    """Changes to the firm's lists (services, credits, gallery, resources): one query each."""
    entries = []
    for relation in Member._meta.related_objects:
        child = relation.related_model
        history = getattr(child, "history", None)
        if relation.one_to_many is False or history is None or relation.field.name != "member":
            continue
        history_model = child.history.model
        related = ["history_user"] + (["category"] if "category" in {f.name for f in child._meta.fields} else [])
        records = (
            history_model.objects.filter(member_id=member.pk)
            .select_related(*related)
            .order_by("-history_date", "-history_id")[:limit]
        )
        entries.extend(
            {
                "date": record.history_date,
                "user": record.history_user,
                "type": record.get_history_type_display(),
                "what": child._meta.verbose_name,
                "label": _child_label(record),
                "changed": [],
            }
            for record in records
        )
    return entries


def member_history(member: Member, *, limit: int = 30) -> list[dict]:
    """The profile's latest changes, newest first: who, when, what, and which fields.

    The firm's own row is compared with the version before it in Python; its lists
    (services, credits, gallery, resources — every child model with history) add one
    query each, so the page costs the same however long the history is.
    """
    entries = _profile_entries(member, limit) + _list_entries(member, limit)
    entries.sort(key=lambda entry: entry["date"], reverse=True)
    return entries[:limit]


__all__ = [
    "FACETS",
    "CardRow",
    "CataloguePage",
    "FacetOption",
    "catalogue_facets",
    "catalogue_page",
    "empty_search_suggestions",
    "fallback_note_language",
    "load_card_data",
    "member_profile_preview",
    "member_for_editing",
    "member_history",
    "members_joined_since",
    "public_member_profile",
    "public_members",
    "public_members_by_slugs",
    "selected_filter_labels",
    "with_card_data",
]


# --- The catalogue's map ------------------------------------------------------------------

MAP_LIMIT = 2000  # markers in one response; the cluster has far fewer members


def map_feature(member: Member) -> dict:
    """One GeoJSON feature with only the public card's fields: name, page, city, services."""
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [float(member.longitude), float(member.latitude)]},
        "properties": {
            "name": member.name,
            "url": member.get_absolute_url(),
            "city": member.city,
            "services": [service.category.name for service in member.services.all()],
        },
    }


def map_data(data: QueryDict) -> dict:
    """The catalogue's filtered set (the same filters and search as its list) of public
    members that chose to be on the map, as a GeoJSON FeatureCollection.

    Two queries after the search: the members, and their services with categories.
    """
    filterset = MemberFilter(data, queryset=public_members())
    filterset.form.is_valid()  # an invalid filter is ignored, as on the list
    raw = filterset.form.cleaned_data.get("q") or ""
    filterset.search = catalogue_search(raw, correct=not data.get("verbatim")) if raw.strip() else None
    members = (
        filterset.qs.filter(show_on_map=True, latitude__isnull=False, longitude__isnull=False)
        .only("id", "slug", "name", "city", "latitude", "longitude")
        .prefetch_related(Prefetch("services", queryset=MemberService.objects.select_related("category")))
        .order_by("name", "pk")[:MAP_LIMIT]
    )
    return {"type": "FeatureCollection", "features": [map_feature(member) for member in members]}
