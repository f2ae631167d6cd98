"""Reads for the filming area: the published guide, the schemes an estimate weighs, the
euro rate, and the member firms that can act as a local service company."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from members.models import Member, ServiceCategory
from members.selectors import public_members, public_members_by_slugs

from .models import EuroRate, GuideImage, GuidePage, IncentiveScheme, SpendCategory

SERVICE_COMPANIES_SHOWN = 12
_HEAVY = ("body_pl", "body_en", "body_html_pl", "body_html_en")

# The shortlist's firms suggest the spend categories to fill in, by their services'
# top-level areas (the demo taxonomy's slugs; an area not named here suggests "other").
AREA_SPEND = {
    "rental": SpendCategory.EQUIPMENT,
    "crew": SpendCategory.CREW_CAST,
    "locations": SpendCategory.LOCATIONS,
    "art-department": SpendCategory.ART,
    "animation-vfx": SpendCategory.POST,
    "post-production": SpendCategory.POST,
    "production": SpendCategory.SERVICES,
    "business-services": SpendCategory.SERVICES,
}


def guide_pages() -> QuerySet[GuidePage]:
    """The guide's index: published pages without their bodies."""
    return GuidePage.objects.public().defer(*_HEAVY).order_by("position", "pk")


def guide_page(slug: str) -> GuidePage:
    """One published page with its pictures (raises DoesNotExist)."""
    images = Prefetch("images", queryset=GuideImage.objects.order_by("position", "pk"))
    return GuidePage.objects.public().prefetch_related(images).get(slug=slug)


def public_schemes() -> QuerySet[IncentiveScheme]:
    return IncentiveScheme.objects.public().prefetch_related("thresholds").order_by("position", "pk")


def schemes_for_estimate(on: dt.date | None = None) -> list[IncentiveScheme]:
    """Published schemes open on the day, with their thresholds (two queries)."""
    return list(IncentiveScheme.objects.current(on).prefetch_related("thresholds").order_by("position", "pk"))


def euro_rate(on: dt.date | None = None) -> EuroRate | None:
    return EuroRate.objects.filter(valid_from__lte=on or timezone.localdate()).order_by("-valid_from").first()


def service_companies(schemes: list[IncentiveScheme], *, limit: int = SERVICE_COMPANIES_SHOWN) -> list[Member]:
    """Public member firms offering a service that makes them a local service company
    for one of ``schemes`` (one query, by name)."""
    wanted = [scheme.pk for scheme in schemes if scheme.requires_local_service_company]
    if not wanted:
        return []
    categories = ServiceCategory.objects.filter(
        pk__in=IncentiveScheme.service_company_services.through.objects.filter(incentivescheme_id__in=wanted).values(
            "servicecategory_id"
        )
    )
    return list(
        public_members()
        .filter(services__category__in=categories)
        .distinct()
        .only("name", "slug", "city")
        .order_by("name")[:limit]
    )


def shortlist_spend_categories(slugs: list[str]) -> tuple[list[Member], list[str]]:
    """The shortlist's public firms and the spend categories their services suggest."""
    members = public_members_by_slugs(slugs)
    services = [service.category for member in members for service in member.services.all()]
    area_ids = {category.parent_id or category.pk for category in services}
    area_slugs = dict(ServiceCategory.objects.filter(pk__in=area_ids).values_list("pk", "slug")) if area_ids else {}
    categories: list[str] = []
    for category in services:
        spend = AREA_SPEND.get(area_slugs.get(category.parent_id or category.pk, ""), SpendCategory.OTHER)
        if spend not in categories:
            categories.append(spend)
    order = list(SpendCategory.values)
    return members, sorted(categories, key=order.index)
