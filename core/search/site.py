"""The site search: one query, every provider's group, typo correction across them."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import query as search_query
from . import registry

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


def _groups(query, user, limit):
    return [provider.search(query, user=user, limit=limit) for provider in registry.providers()]


def site_search(raw: str, *, user, correct: bool = True, limit: int = HITS_PER_GROUP) -> SiteResults:
    """Every provider's best hits for what the user may see; when nothing at all matches,
    the query with its typos corrected (only if that finds something for this user)."""
    query, _keys = search_query.parse(raw)
    if not query:
        return SiteResults(query=query)
    results = SiteResults(query=query, groups=_groups(query, user, limit))
    if results.total == 0 and correct:
        better = search_query.corrected(query)
        if better is not None:
            retried = SiteResults(query=better, groups=_groups(better, user, limit), typed=query)
            if retried.total:
                return retried
    return results


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
