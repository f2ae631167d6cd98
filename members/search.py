"""Members in search: their documents, the catalogue's search and the site-search provider.

A member's document weighs what it *is* above what it says: its name, services
(categories in both languages, their parents and synonyms) under weight A; tagline,
service descriptions and resources B; description and credits C; its city D.

Ranking reads the row's small ``search_names`` vector: the member's name and the names
and synonyms of the services it offers itself, *not* their parent areas (a make-up
atelier's area is "Scenografia i charakteryzacja", yet it does no set design). First
come members whose name or own services match, then, among them, those whose name and
services say the typed words most often as whole words (``ts_rank`` of the exact keys,
so "kamera" puts a camera rental, "Wypożyczalnia kamer" with the synonym "kamery",
before a crew whose "operatorzy kamer" says it once, and before "kran kamerowy", a
mere prefix match), then profile completeness, then name. The vector stays in the row
(no TOAST), so this costs little for ten matches or ten thousand. The normalisation
(folding, Polish lemmas, English stems) is core's (``core.search``).

A city word in a query ("kamery kraków") filters by that city instead of matching every
description that mentions it. The ranked ids of a query are computed once per request
and cached until a member changes; the catalogue's total, facet counts and page all read
them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Case, ExpressionWrapper, F, FloatField, Q, Value, When
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import generations
from core.search import query as search_query
from core.search import text, vocabulary
from core.search.registry import SearchGroup, SearchHit, Suggestion

from .models import Member, ServiceCategory

GENERATION = "members"
_CACHE_SECONDS = 60 * 60


def member_groups(member: Member) -> dict[str, list[str]]:
    """The texts of a member's document by weight (its parts must be prefetched)."""
    names = [member.name]
    described = [member.tagline_pl, member.tagline_en]
    described_more = [member.description_pl, member.description_en]
    for service in member.services.all():
        category = service.category
        for level in (category, category.parent) if category.parent_id else (category,):
            names += [level.name_pl, level.name_en, *level.synonym_list()]
        described += [service.description_pl, service.description_en]
    for resource in member.resources.all():
        described += [resource.name_pl, resource.name_en, resource.details_pl, resource.details_en]
    for credit in member.credits.all():
        described_more += [credit.title, credit.role_pl, credit.role_en]
    return {"A": names, "B": described, "C": described_more, "D": [member.city]}


def member_names(member: Member) -> list[str]:
    """What a member *is*, for ranking: its name and the names and synonyms of the
    services it offers (each once), without their parent areas (prefetched parts)."""
    names = [member.name]
    seen: set[int] = set()
    for service in member.services.all():
        category = service.category
        if category.pk not in seen:
            seen.add(category.pk)
            names += [category.name_pl, category.name_en, *category.synonym_list()]
    return names


def member_completeness(member: Member) -> int:
    """0-100: how much of its profile a member filled in (parts prefetched)."""
    points = {
        15: bool(member.logo),
        10: bool(member.tagline_pl or member.tagline_en),
        16: bool(member.description_pl),
        14: bool(member.description_en),
        20: bool(member.services.all()),
        9: bool(member.credits.all()),
        8: bool(member.images.all()),
        4: bool(member.resources.all()),
    }
    contact = 4 if (member.website and (member.email or member.phone)) else 0
    return sum(weight for weight, present in points.items() if present) + contact


# --- the catalogue's search -------------------------------------------------------------


@dataclass
class CatalogueSearch:
    """A query's matching public members, best first, once per request."""

    query: search_query.Query
    ids: list[int]
    cities: list[str] = field(default_factory=list)  # read from city words of the query
    # Set when typos were corrected: the query as typed (its words matched nothing).
    typed: search_query.Query | None = None

    @property
    def total(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class _Cities:
    words: dict[str, tuple[str, ...]]  # each public city's folded words
    keys: dict[str, frozenset[str]]  # the vocabulary's keys of those words ("krakow" -> its lemma)


def _cities(raw: str | None = None) -> tuple[_Cities, search_query.Query | None]:
    """The public cities with their words and keys, cached until a member changes (a
    city's keys change only when a member's document brings new words); with ``raw``,
    also that query parsed, its words' keys read with the cities' when those are not
    cached (one query for both)."""
    key = f"members:cities:{generations.signature([GENERATION])}"
    cities = cache.get(key)
    query = None
    if cities is None:
        named = {name: tuple(text.fold_word(word) for word in text.words(name)) for name in public_cities()}
        named = {name: words for name, words in named.items() if words}
        city_words = {word for words in named.values() for word in words}
        if raw is None:
            keys = vocabulary.keys_of(city_words)
        else:
            query, keys = search_query.parse(raw, also=tuple(sorted(city_words)))
        cities = _Cities(named, {word: keys[word] for word in city_words if word in keys})
        cache.set(key, cities, _CACHE_SECONDS)
    if raw is not None and query is None:
        query, _keys = search_query.parse(raw)
    return cities, query


_PUBLIC_CITIES_SQL = """
WITH RECURSIVE cities AS (
    (SELECT city FROM members_member WHERE is_public AND status = %(active)s ORDER BY city LIMIT 1)
    UNION ALL
    SELECT (
        SELECT m.city FROM members_member AS m
        WHERE m.is_public AND m.status = %(active)s AND m.city > cities.city
        ORDER BY m.city LIMIT 1
    ) FROM cities WHERE cities.city IS NOT NULL
)
SELECT city FROM cities WHERE city IS NOT NULL
"""


def public_cities() -> list[str]:
    """The distinct cities of public members: one index probe per city on the partial
    index ``member_public_by_city`` (a "loose" index scan), not a pass over every
    member's row, which at 10,000 members cost as much as the search itself."""
    with connection.cursor() as cursor:
        cursor.execute(_PUBLIC_CITIES_SQL, {"active": Member.Status.ACTIVE})
        return sorted(row[0] for row in cursor.fetchall())


def cached_public_cities() -> list[str]:
    """``public_cities()``, cached until a member changes (a link's city is matched
    against them on every filtered page)."""
    key = f"members:public-cities:{generations.signature([GENERATION])}"
    cities = cache.get(key)
    if cities is None:
        cities = public_cities()
        cache.set(key, cities, _CACHE_SECONDS)
    return cities


def read_cities(query: search_query.Query, cities: _Cities) -> tuple[list[str], set[int]]:
    """Cities named in the query and the positions of their words: all of a city's words
    in a row, in any inflected form ("nowy sącz", "w nowym sączu")."""
    typed = [set(word.alternatives) for word in query.words]
    found: list[str] = []
    used: set[int] = set()
    for name, city_words in cities.words.items():
        forms = [{word, *cities.keys.get(word, ())} for word in city_words]
        size = len(forms)
        for start in range(len(typed) - size + 1):
            span = range(start, start + size)
            if used.isdisjoint(span) and all(typed[start + n] & forms[n] for n in range(size)):
                found.append(name)
                used.update(span)
                break
    return found, used


def _ranked(query: search_query.Query, cities: list[str]):
    """Matching public members best first, as a queryset."""
    members = Member.objects.filter(status=Member.Status.ACTIVE, is_public=True)
    if cities:
        members = members.filter(city__in=cities)
    tsquery = query.search_query()
    if tsquery is None:  # only city words: every member there, fullest profiles first
        members = members.annotate(
            strong=Value(True, output_field=BooleanField()), said=Value(0.0, output_field=FloatField())
        )
        return members.order_by("-profile_completeness", "name", "pk")
    # A match in the name or own services (the small search_names vector) before one
    # elsewhere; among those, the most whole-word mentions; then completeness. The
    # match itself is the GIN index's.
    return (
        members.filter(search_vector=tsquery)
        .annotate(
            strong=ExpressionWrapper(Q(search_names=tsquery), output_field=BooleanField()),
            # Only a strong match can say the words in its names: ranking the others
            # (most of a broad query's matches) would only cost time.
            said=Case(
                When(strong=True, then=SearchRank(F("search_names"), query.search_query(exact=True))),
                default=Value(0.0),
                output_field=FloatField(),
            ),
        )
        .order_by("-strong", "-said", "-profile_completeness", "name", "pk")
    )


def _ranked_ids(query: search_query.Query, cities: list[str]) -> list[int]:
    return list(_ranked(query, cities).values_list("pk", flat=True))


_HIT_FIELDS = ("name", "slug", "city", "tagline_pl", "tagline_en")
_BEST_SQL = (
    # OFFSET 0 keeps the ranked subquery apart: the window count then carries its few
    # small columns, not every matching row's search_names (which spilled to disk).
    # Equally good matches are common (firms offering the same services): they are put
    # in the names' code point order ("C"), a byte comparison where the database's own
    # collation compares each pair through the C library (C.UTF-8 gives the same order).
    "SELECT id, {fields}, COUNT(*) OVER () FROM ({ranked} OFFSET 0) AS ranked "
    'ORDER BY strong DESC, said DESC, profile_completeness DESC, name COLLATE "C", id LIMIT %s'
)


def best_members(query: search_query.Query, *, limit: int) -> tuple[list[Member], int]:
    """The ``limit`` best public members for a parsed query (their name, slug, city and
    tagline) and how many match, in one statement (the site search shows a few; the
    catalogue reads every ranked id instead)."""
    if not query:
        return [], 0
    named, positions = read_cities(query, _cities()[0])
    ranked = _ranked(query.without(positions), named).order_by()
    ranked = ranked.values("id", *_HIT_FIELDS, "strong", "said", "profile_completeness")
    sql, params = ranked.query.sql_with_params()
    # The ORM's own SQL and parameters, wrapped; no text from the request is in it.
    statement = _BEST_SQL.format(fields=", ".join(_HIT_FIELDS), ranked=sql)
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, limit])
        rows = cursor.fetchall()
    members = [Member(pk=row[0], **dict(zip(_HIT_FIELDS, row[1:-1], strict=True))) for row in rows]
    return members, (rows[0][-1] if rows else 0)


def _search(query: search_query.Query, cities: _Cities) -> CatalogueSearch:
    named, city_positions = read_cities(query, cities)
    return CatalogueSearch(query=query, ids=_ranked_ids(query.without(city_positions), named), cities=named)


def _corrected_search(query: search_query.Query, cities: _Cities) -> CatalogueSearch | None:
    """The search with its typos corrected, when that finds someone."""
    better = search_query.corrected(query)
    if better is None:
        return None
    retried = _search(better, cities)
    if not retried.ids:
        return None
    retried.typed = query
    return retried


def catalogue_search(raw: str, *, correct: bool = True, signature: str | None = None) -> CatalogueSearch | None:
    """The ranked public members for a query (None when it has no words). When nothing
    matches and a word is a likely typo, the closest words are searched instead; when a
    word occurs in no public document at all, the search as typed cannot find anything
    (the vocabulary holds every public document's words), so the corrected one runs first.

    Cached until a member changes: a repeated search costs no query at all.
    """
    folded = [text.fold_word(word) for word in text.words(" ".join((raw or "").split())[:200])]
    if not folded:
        return None
    digest = hashlib.sha256(" ".join(folded[: search_query.MAX_WORDS]).encode()).hexdigest()[:32]
    signature = signature or generations.signature([GENERATION])
    key = f"members:search:{signature}:{int(correct)}:{digest}"
    found = cache.get(key)
    if found is None:
        cities, query = _cities(raw)
        found = _corrected_search(query, cities) if correct and not query.all_occur() else None
        if found is None:
            found = _search(query, cities)
            if not found.ids and correct and query.all_occur():
                found = _corrected_search(query, cities) or found
        cache.set(key, found, _CACHE_SECONDS)
    return found


# --- the site search's provider ---------------------------------------------------------


def _member_hits(ids: list[int]) -> list[SearchHit]:
    members = {
        member.pk: member
        for member in Member.objects.filter(pk__in=ids).only("pk", "name", "slug", "city", "tagline_pl", "tagline_en")
    }
    return [
        SearchHit(title=m.name, url=m.get_absolute_url(), summary=m.tagline or "", meta=m.city)
        for m in (members[pk] for pk in ids if pk in members)
    ]


def _categories() -> list[tuple[int, str, str, str, tuple[str, ...]]]:
    """(id, slug, name_pl, name_en, folded words of names and synonyms) of every category, cached."""
    key = f"members:categories:{generations.signature([GENERATION])}"
    categories = cache.get(key)
    if categories is None:
        categories = []
        for category in ServiceCategory.objects.order_by("position", "slug"):
            phrases = [category.name_pl or "", category.name_en or "", *category.synonym_list()]
            folded = tuple(sorted({text.fold_word(word) for phrase in phrases for word in text.words(phrase)}))
            categories.append((category.pk, category.slug, category.name_pl, category.name_en, folded))
        cache.set(key, categories, _CACHE_SECONDS)
    return categories


class MembersSearch:
    """Public members only: the catalogue's own rule (active and shown publicly)."""

    kind = "members"
    order = 10

    def label(self) -> str:
        return str(_("Members"))

    def search(self, query, *, user, limit):
        members, total = best_members(query, limit=limit)
        hits = [
            SearchHit(title=m.name, url=m.get_absolute_url(), summary=m.tagline or "", meta=m.city) for m in members
        ]
        more = f"{reverse('members:list')}?{urlencode({'q': query.text})}"
        return SearchGroup(kind=self.kind, label=self.label(), total=total, hits=hits, more_url=more)

    def suggest(self, query, *, user, limit):
        """Service categories whose names or synonyms start with the typed words, then members."""
        typed = query.folded_words
        suggestions = []
        list_url = reverse("members:list")
        for _pk, slug, name_pl, name_en, words in _categories():
            if typed and all(any(word.startswith(part) for word in words) for part in typed):
                label = (name_en or name_pl) if get_language().startswith("en") else (name_pl or name_en)
                suggestions.append(Suggestion(label=label, url=f"{list_url}?service={slug}", kind="category"))
        found = catalogue_search(query.text, correct=False)
        ids = found.ids[: max(limit - len(suggestions[:3]), 0)] if found else []
        members = [Suggestion(label=hit.title, url=hit.url, kind="member") for hit in _member_hits(ids)]
        return (suggestions[:3] + members)[:limit]

    def documents(self):
        return [Member.objects.filter(status=Member.Status.ACTIVE, is_public=True)]

    def rebuild(self) -> int:
        from .services import members_refresh_search  # noqa: PLC0415 - services import this module

        return members_refresh_search(member_ids=None)
