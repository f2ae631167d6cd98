"""The site search: one query, every provider's group, typo correction across them."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import query as search_query
from . import registry, vocabulary

HITS_PER_GROUP = 5
SUGGESTIONS = 8


@dataclass
class SiteResults:
    query: search_query.Query
    groups: list[registry.SearchGroup] = field(default_factory=list)
    typed: search_query.Query | None = None  # when typos were corrected: the query as typed

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)


_kinds: dict[str, tuple[str, ...]] = {}


def _document_kinds(provider) -> tuple[str, ...]:
    """The kinds of the provider's documents (its querysets' models do not change)."""
    if provider.kind not in _kinds:
        _kinds[provider.kind] = tuple(vocabulary.kind_of(queryset) for queryset in provider.documents())
    return _kinds[provider.kind]


def _can_find_public(provider, query) -> bool:
    """Whether some public document of the provider may hold every word of the query
    (the vocabulary's kinds say; a provider without public documents finds nothing
    public)."""
    return any(query.all_occur(kind) for kind in _document_kinds(provider))


def _groups(query, user, limit):
    """Every provider's group. A visitor who is not logged in sees public documents
    only: a provider none of whose public documents can hold every word is not asked,
    its group is empty (at 10,000 members this saves most of a search's queries)."""
    public_only = not getattr(user, "is_authenticated", False)
    groups = []
    for provider in registry.providers():
        if public_only and not _can_find_public(provider, query):
            groups.append(registry.SearchGroup(kind=provider.kind, label=provider.label(), total=0))
        else:
            groups.append(provider.search(query, user=user, limit=limit))
    return groups


def site_search(raw: str, *, user, correct: bool = True, limit: int = HITS_PER_GROUP) -> SiteResults:
    """Every provider's best hits for what the user may see; when nothing at all matches,
    the query with its typos corrected (only if that finds something for this user).

    A visitor who is not logged in sees public documents only, whose words are all in
    the vocabulary: when a typed word is not, the query as typed cannot find anything,
    so the corrected one is searched first and the providers are asked once, not twice.
    """
    with vocabulary.pinned():
        return _site_search(raw, user=user, correct=correct, limit=limit)


def _site_search(raw: str, *, user, correct: bool, limit: int) -> SiteResults:
    query, _keys = search_query.parse(raw)
    if not query:
        return SiteResults(query=query)
    public_only = not getattr(user, "is_authenticated", False)
    if correct and public_only and not query.all_occur():
        retried = _corrected(query, user, limit)
        if retried is not None:
            return retried
    results = SiteResults(query=query, groups=_groups(query, user, limit))
    if results.total == 0 and correct and not (public_only and not query.all_occur()):
        return _corrected(query, user, limit) or results
    return results


def _corrected(query, user, limit) -> SiteResults | None:
    better = search_query.corrected(query)
    if better is None:
        return None
    retried = SiteResults(query=better, groups=_groups(better, user, limit), typed=query)
    return retried if retried.total else None


def suggestions(raw: str, *, user, limit: int = SUGGESTIONS) -> list[registry.Suggestion]:
    query, _keys = search_query.parse(raw)
    if not query:
        return []
    found: list[registry.Suggestion] = []
    for provider in registry.suggesters():
        found += provider.suggest(query, user=user, limit=limit - len(found))
        if len(found) >= limit:
            break
    return found[:limit]
