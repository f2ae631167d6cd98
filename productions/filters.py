"""Filters of the members' lead list (query parameters, django-filter)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import ServiceCategory

from .models import Kind, ProductionLead

ALL_STATUSES = "all"


class LeadFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    # Live leads by default; the wrapped and cancelled ones by their status, or with all.
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(ALL_STATUSES, _("All, wrapped and cancelled too")), *ProductionLead.Status.choices],
        empty_label=_("Live leads"),
        method="filter_status",
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Kind.choices)
    service = django_filters.ModelChoiceFilter(
        label=_("Service needed"),
        queryset=ServiceCategory.objects.select_related("parent").order_by("parent__position", "position", "slug"),
        method="filter_service",
    )
    shooting_from = django_filters.DateFilter(
        label=_("Shooting from"), method="filter_shooting_from", widget=forms.DateInput(attrs={"type": "date"})
    )
    shooting_to = django_filters.DateFilter(
        label=_("Shooting until"), method="filter_shooting_to", widget=forms.DateInput(attrs={"type": "date"})
    )
    matching = django_filters.BooleanFilter(
        label=_("Matches your services first"), method="filter_matching", widget=forms.CheckboxInput
    )

    class Meta:
        model = ProductionLead
        fields: list[str] = []

    def __init__(self, *args, has_firm=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_firm:
            del self.filters["matching"]

    @property
    def qs(self):
        # Also for an unbound filter (no parameters at all), which django-filter leaves alone.
        if not hasattr(self, "_live_qs"):
            queryset = super().qs
            chosen = self.form.cleaned_data.get("status") if self.is_bound and self.form.is_valid() else ""
            self._live_qs = queryset if chosen else queryset.exclude(status__in=ProductionLead.CLOSED_STATUSES)
        return self._live_qs

    def filter_status(self, queryset, name, value):
        return queryset if value == ALL_STATUSES else queryset.filter(status=value)

    def filter_search(self, queryset, name, value):
        words = value.split()
        for word in words[:8]:
            queryset = queryset.filter(
                Q(title_pl__icontains=word)
                | Q(title_en__icontains=word)
                | Q(description_pl__icontains=word)
                | Q(description_en__icontains=word)
                | Q(producer_company__icontains=word)
                | Q(locations__icontains=word)
            )
        return queryset

    def filter_service(self, queryset, name, value):
        # A top-level category stands for itself and all its services.
        return queryset.filter(Q(services_needed=value) | Q(services_needed__parent=value)).distinct()

    def filter_shooting_from(self, queryset, name, value):
        # Overlap with the chosen period: the shoot has not ended before it begins.
        return queryset.filter(Q(shooting_end__gte=value) | Q(shooting_end__isnull=True, shooting_start__gte=value))

    def filter_shooting_to(self, queryset, name, value):
        return queryset.filter(shooting_start__lte=value)

    def filter_matching(self, queryset, name, value):
        if value:
            return queryset.order_by("-matches", "-published_at", "-created_at")
        return queryset
