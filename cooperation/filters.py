"""Filters of the requests board (query parameters, django-filter)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import ServiceCategory

from .models import CooperationRequest, RequestKind, open_q


class State:
    OPEN = "open"
    CLOSED = "closed"
    MINE = "mine"
    CHOICES = [(OPEN, _("Open")), (CLOSED, _("Matched or closed")), (MINE, _("Posted by my firm"))]


class RequestFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=RequestKind.choices, empty_label=_("Any kind"))
    service = django_filters.ModelChoiceFilter(
        label=_("Service"),
        queryset=ServiceCategory.objects.select_related("parent").order_by("parent__position", "position", "slug"),
        method="filter_service",
        empty_label=_("Any service"),
    )
    state = django_filters.ChoiceFilter(
        label=_("Show"), choices=State.CHOICES, method="filter_state", empty_label=_("All requests")
    )
    matching = django_filters.BooleanFilter(
        label=_("Only what matches my firm's services"), method="filter_matching", widget=forms.CheckboxInput
    )

    class Meta:
        model = CooperationRequest
        fields: list[str] = []

    def __init__(self, data=None, *args, firm_ids=(), **kwargs):
        # The board opens on the open requests; "All requests" is an explicit choice.
        if data is None or "state" not in data:
            data = data.copy() if data is not None else {}
            data["state"] = State.OPEN
        super().__init__(data, *args, **kwargs)
        self.firm_ids = list(firm_ids)
        if not self.firm_ids:
            del self.filters["matching"]

    def filter_service(self, queryset, name, value):
        # A top-level area stands for itself and all its services.
        return queryset.filter(Q(services=value) | Q(services__parent=value)).distinct()

    def filter_state(self, queryset, name, value):
        if value == State.OPEN:
            return queryset.filter(open_q())
        if value == State.CLOSED:
            return queryset.exclude(open_q())
        if value == State.MINE:
            return queryset.filter(member_id__in=self.firm_ids)
        return queryset

    def filter_matching(self, queryset, name, value):
        return queryset.filter(matches=True).exclude(member_id__in=self.firm_ids) if value else queryset
