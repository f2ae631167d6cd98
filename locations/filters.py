"""The library's filters, as query parameters: q, category, municipality, setting, managed_by.

Each filter takes one value; the values come from the data (a category's slug, a
municipality, a member's slug or ``cluster``), so an unknown one simply matches nothing.
``q`` is applied by ``selectors.filtered_locations`` with the portal's search.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Location

CLUSTER_MANAGED = "cluster"


def _clean(value: str) -> str:
    return (value or "").replace("\x00", "").strip()  # PostgreSQL refuses NUL in text


class LocationFilter(django_filters.FilterSet):
    category = django_filters.CharFilter(label=_("Category"), method="filter_category")
    municipality = django_filters.CharFilter(label=_("Municipality"), method="filter_municipality")
    setting = django_filters.ChoiceFilter(
        label=_("Indoor or outdoor"),
        choices=[(Location.Setting.INDOOR, _("Indoor")), (Location.Setting.OUTDOOR, _("Outdoor"))],
        method="filter_setting",
        empty_label=_("Any"),
    )
    managed_by = django_filters.CharFilter(label=_("Managed by"), method="filter_managed_by")

    class Meta:
        model = Location
        fields = ["category", "municipality", "setting", "managed_by"]

    def filter_category(self, queryset, name, value):
        slug = _clean(value)
        # A top-level category finds its kinds too ("architecture" finds castles).
        tagged = Location.categories.through.objects.filter(
            Q(locationcategory__slug=slug) | Q(locationcategory__parent__slug=slug)
        )
        return queryset.filter(pk__in=tagged.values("location_id"))

    def filter_municipality(self, queryset, name, value):
        return queryset.filter(municipality=_clean(value))

    def filter_setting(self, queryset, name, value):
        return queryset.filter(setting__in=[value, Location.Setting.BOTH])

    def filter_managed_by(self, queryset, name, value):
        value = _clean(value)
        if value == CLUSTER_MANAGED:
            return queryset.filter(manager__isnull=True)
        return queryset.filter(manager__slug=value)
