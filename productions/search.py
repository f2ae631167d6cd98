"""Productions in the site search: the public showcase for everyone, and production leads
for cluster members only (``accounts.access.is_cluster_member``, then
``selectors.leads_visible_to``). A lead reaches no one else by this path."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.access import is_cluster_member
from core.search import indexing
from core.search.registry import SearchGroup, SearchHit

from . import selectors
from .models import ProductionLead

GENERATION = "productions"


def lead_groups(lead: ProductionLead) -> dict[str, list]:
    return {
        "A": [lead.title_pl, lead.title_en],
        "B": [lead.get_kind_display(), lead.producer_company, lead.locations],
        "C": [lead.description_pl, lead.description_en],
    }


class ShowcaseSearch:
    kind = "showcase"
    order = 40

    def label(self) -> str:
        return str(_("Showcase of productions"))

    def search(self, query, *, user, limit):
        leads, total = indexing.ranked(selectors.showcase().prefetch_related(None), query, limit=limit)
        hits = [
            SearchHit(
                title=lead.title,
                url=reverse("productions:showcase_detail", kwargs={"pk": lead.pk}),
                summary=lead.producer_company,
                meta=lead.get_kind_display(),
            )
            for lead in leads
        ]
        return SearchGroup(self.kind, self.label(), total, hits)

    def documents(self):
        return [selectors.showcase().prefetch_related(None)]

    def rebuild(self) -> int:
        return indexing.rebuild(ProductionLead.objects.all(), lead_groups)


class LeadsSearch:
    """Members only: for anyone else this group is empty and costs no query."""

    kind = "leads"
    order = 50

    def label(self) -> str:
        return str(_("Production leads"))

    def search(self, query, *, user, limit):
        if not is_cluster_member(user):
            return SearchGroup(self.kind, self.label(), 0, [])
        leads, total = indexing.ranked(selectors.leads_visible_to(user), query, limit=limit, then=("-published_at",))
        hits = [
            SearchHit(
                title=lead.title,
                url=lead.get_absolute_url(),
                summary=lead.producer_company,
                meta=f"{lead.get_kind_display()} · {lead.get_status_display()}",
                members_only=True,
            )
            for lead in leads
        ]
        return SearchGroup(self.kind, self.label(), total, hits)

    def documents(self):
        return []  # members-only words stay out of the public vocabulary

    def rebuild(self) -> int:
        return 0  # the showcase provider rebuilds every lead
