"""The finder's filters: department, role, language, city, travel and "available between"."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import STAFF_LANGUAGES

from . import selectors
from .models import Department, Person, Role

# The longest window the finder accepts (a whole season of shooting).
MAX_WINDOW_DAYS = 366


class PeopleFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("available_from"), data.get("available_to")
        if start and not end:
            data["available_to"] = start  # one day
        elif end and not start:
            data["available_from"] = end
        elif start and end:
            if end < start:
                self.add_error("available_to", _("The last day cannot be before the first day."))
            elif (end - start).days > MAX_WINDOW_DAYS:
                self.add_error("available_to", _("Choose a window of at most a year."))
        return data


class PeopleFilter(django_filters.FilterSet):
    department = django_filters.ModelChoiceFilter(
        label=_("Department"),
        queryset=Department.objects.all(),
        to_field_name="slug",
        field_name="roles__department",
        distinct=True,
    )
    role = django_filters.ModelChoiceFilter(
        label=_("Role"),
        queryset=Role.objects.select_related("department"),
        to_field_name="slug",
        field_name="roles",
    )
    language = django_filters.ChoiceFilter(label=_("Language"), choices=STAFF_LANGUAGES, method="filter_language")
    city = django_filters.CharFilter(label=_("City"), method="filter_city")
    travel = django_filters.BooleanFilter(
        label=_("Travels outside the region"),
        method="filter_travel",
        widget=forms.CheckboxInput,
    )
    available_from = django_filters.DateFilter(
        label=_("Available from"), method="filter_nothing", widget=forms.DateInput(attrs={"type": "date"})
    )
    available_to = django_filters.DateFilter(
        label=_("Available until"), method="filter_nothing", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Person
        fields: list[str] = []
        form = PeopleFilterForm

    def filter_language(self, queryset, name, value):
        return queryset.filter(languages__contains=[value])

    def filter_city(self, queryset, name, value):
        value = " ".join(value.split())[:100]
        return queryset.filter(city__iexact=value) if value else queryset

    def filter_travel(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(~Q(travel=Person.Travel.LOCAL))

    def filter_nothing(self, queryset, name, value):
        return queryset  # the window is applied once both ends are known (filter_queryset)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        start, end = self.form.cleaned_data.get("available_from"), self.form.cleaned_data.get("available_to")
        if start and end:
            queryset = selectors.free_people(queryset, start, end)
        return queryset

    @property
    def window(self):
        if not self.is_bound or not self.form.is_valid():
            return None
        start, end = self.form.cleaned_data.get("available_from"), self.form.cleaned_data.get("available_to")
        return (start, end) if start and end else None
