"""The guide's pages and the incentive schemes in the site search: both are public
(published rows only), so every visitor finds the same."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.search import indexing
from core.search.registry import SearchGroup, SearchHit

from .models import GuidePage, IncentiveScheme

GENERATION = "filming"


def page_groups(page: GuidePage) -> dict[str, list]:
    return {
        "A": [page.title_pl, page.title_en],
        "B": [page.summary_pl, page.summary_en, page.get_topic_display()],
        "C": [page.body_pl, page.body_en],
    }


def scheme_groups(scheme: IncentiveScheme) -> dict[str, list]:
    return {
        "A": [scheme.name_pl, scheme.name_en],
        "B": [scheme.authority_pl, scheme.authority_en, str(_("Incentives"))],
        "C": [scheme.summary_pl, scheme.summary_en],
    }


class GuideSearch:
    kind = "filming"
    order = 35

    def label(self) -> str:
        return str(_("Filming guide"))

    def search(self, query, *, user, limit):
        pages, total = indexing.ranked(
            GuidePage.objects.public().defer("body_html_pl", "body_html_en"), query, limit=limit, then=("position",)
        )
        hits = [
            SearchHit(
                title=page.title, url=page.get_absolute_url(), summary=page.summary, meta=page.get_topic_display()
            )
            for page in pages
        ]
        return SearchGroup(self.kind, self.label(), total, hits)

    def documents(self):
        return [GuidePage.objects.public()]

    def rebuild(self) -> int:
        return indexing.rebuild(GuidePage.objects.all(), page_groups)


class IncentiveSearch:
    kind = "incentives"
    order = 36

    def label(self) -> str:
        return str(_("Incentives"))

    def search(self, query, *, user, limit):
        schemes, total = indexing.ranked(IncentiveScheme.objects.public(), query, limit=limit, then=("position",))
        hits = [
            SearchHit(
                title=scheme.name, url=scheme.get_absolute_url(), summary=scheme.summary[:200], meta=scheme.authority
            )
            for scheme in schemes
        ]
        return SearchGroup(self.kind, self.label(), total, hits)

    def documents(self):
        return [IncentiveScheme.objects.public()]

    def rebuild(self) -> int:
        return indexing.rebuild(IncentiveScheme.objects.all(), scheme_groups)
