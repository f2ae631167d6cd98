"""The catalogue's filters, as query parameters: q, service, city, language, kind,
available_from/available_to, sort.

"Available between" asks the app that keeps availability (people: its periods cover
people, firms' resources and locations) which firms are free; this app knows nothing of
those periods, so the people app registers the rule (``register_availability``) when it
starts. A firm is available when at least one of its resources is free over the whole
window, or when it lists no resources (nothing says it is busy); see the README.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import django_filters
from django import forms
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.search.text import fold

from .models import STAFF_LANGUAGES, Member, MemberService
from .search import CatalogueSearch, cached_public_cities


class AnyValueMultipleChoiceField(forms.MultipleChoiceField):
    """Values come from the data (cities, category slugs): an unknown one matches nothing."""

    def to_python(self, value):
        # PostgreSQL refuses NUL in text; no city or slug holds one, so it matches nothing.
        return [item.replace("\x00", "") for item in super().to_python(value)]

    def valid_value(self, value):
        return True


class AnyValueMultipleChoiceFilter(django_filters.MultipleChoiceFilter):
    field_class = AnyValueMultipleChoiceField


class CityField(AnyValueMultipleChoiceField):
    """A city as written in a link: "krakow", "Krakow", "KRAKÓW" and "Kraków" are the
    same public city (folded the search's way); a city no public member has matches
    nothing. The catalogue's own links carry the exact names, so only a value that looks
    typed by hand (ASCII only, one case, or spaces around it) is looked up among the
    public cities (cached until a member changes): the page's own links cost no query."""

    def to_python(self, value):
        typed = super().to_python(value)
        if not any(_typed_by_hand(item) for item in typed):
            return typed
        known = {fold(city): city for city in cached_public_cities()}
        return [known.get(fold(item.strip()), item) if _typed_by_hand(item) else item for item in typed]


def _typed_by_hand(city: str) -> bool:
    return city != city.strip() or city.isascii() or city in (city.lower(), city.upper())


class CityFilter(django_filters.MultipleChoiceFilter):
    field_class = CityField


class KnownValuesMultipleChoiceField(forms.MultipleChoiceField):
    """Fixed choices (kinds, languages): an unknown value in a hand-edited link is dropped,
    and the known ones next to it still filter (rather than the whole filter being ignored)."""

    def to_python(self, value):
        return [item for item in super().to_python(value) if self.valid_value(item)]


class KnownValuesMultipleChoiceFilter(django_filters.MultipleChoiceFilter):
    field_class = KnownValuesMultipleChoiceField


# The longest window the filter accepts (a whole season of shooting).
MAX_WINDOW_DAYS = 366
WINDOW = ("available_from", "available_to")

# name -> callable(queryset, start, end) -> queryset: who is free over the window.
_AVAILABILITY: dict[str, Callable[[QuerySet, datetime.date, datetime.date], QuerySet]] = {}


def register_availability(available_members: Callable[[QuerySet, datetime.date, datetime.date], QuerySet]) -> None:
    _AVAILABILITY["members"] = available_members


class WindowFilterForm(forms.Form):
    """One day given is a one-day window; the last day may not come before the first."""

    def clean(self):
        data = super().clean()
        start, end = data.get("available_from"), data.get("available_to")
        if start and not end:
            data["available_to"] = start
        elif end and not start:
            data["available_from"] = end
        elif start and end:
            if end < start:
                self.add_error("available_to", _("The last day cannot be before the first day."))
            elif (end - start).days > MAX_WINDOW_DAYS:
                self.add_error("available_to", _("Choose a window of at most a year."))
        return data

    @property
    def window(self) -> tuple[datetime.date, datetime.date] | None:
        if not self.is_bound or not self.is_valid():
            return None
        start, end = self.cleaned_data.get("available_from"), self.cleaned_data.get("available_to")
        return (start, end) if start and end else None


_FORM_CLASSES: dict[type, type[forms.Form]] = {}


class MemberFilter(django_filters.FilterSet):
    SORT_CHOICES = [
        ("relevance", _("Best match")),
        ("name", _("Name (A–Z)")),
        ("updated", _("Recently updated")),
        ("newest", _("Newest members")),
    ]

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    service = AnyValueMultipleChoiceFilter(label=_("Services"), method="filter_service")
    city = CityFilter(label=_("City"), field_name="city", distinct=False)
    # Choices given as callables: the filters and the form's fields are copied for each
    # request, and a callable is copied as it is rather than choice by choice.
    language = KnownValuesMultipleChoiceFilter(
        label=_("Working language"), choices=lambda: STAFF_LANGUAGES, method="filter_language"
    )
    kind = KnownValuesMultipleChoiceFilter(
        label=_("Kind of organisation"), choices=lambda: Member.Kind.choices, distinct=False
    )
    available_from = django_filters.DateFilter(
        label=_("Available from"), method="filter_window", widget=forms.DateInput(attrs={"type": "date"})
    )
    available_to = django_filters.DateFilter(
        label=_("Available until"), method="filter_window", widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = django_filters.ChoiceFilter(label=_("Sort by"), choices=SORT_CHOICES, method="filter_sort", empty_label=None)

    class Meta:
        model = Member
        fields: list[str] = []
        form = WindowFilterForm

    def __init__(self, data=None, *args, search: CatalogueSearch | None = None, **kwargs):
        # The search runs once per request, before the filters (members.search); the
        # filter only narrows to its matches, whose order is the relevance order.
        self.search = search
        super().__init__(data, *args, **kwargs)

    def get_form_class(self):
        """The form's fields are the same for every request: the class is made once (its
        labels are lazy, so one class serves every language)."""
        form_class = _FORM_CLASSES.get(type(self))
        if form_class is None:
            form_class = _FORM_CLASSES[type(self)] = super().get_form_class()
        return form_class

    def filter_q(self, queryset, name, value):
        if self.search is None:
            return queryset
        return queryset.filter(pk__any=self.search.ids)

    def filter_service(self, queryset, name, value):
        # A top-level area (e.g. "post-production") matches every service under it;
        # several categories match a member offering any of them.
        offering = MemberService.objects.filter(Q(category__slug__in=value) | Q(category__parent__slug__in=value))
        return queryset.filter(pk__in=offering.values("member_id"))

    def filter_language(self, queryset, name, value):
        return queryset.filter(languages__overlap=list(value))

    def filter_window(self, queryset, name, value):
        return queryset  # applied once both ends are known, in filter_queryset

    def filter_sort(self, queryset, name, value):
        return queryset  # ordering is applied last, in filter_queryset

    @property
    def sorts_by_relevance(self) -> bool:
        return self.search is not None and (self.form.cleaned_data.get("sort") or "relevance") == "relevance"

    @property
    def window(self) -> tuple[datetime.date, datetime.date] | None:
        return self.form.window

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        window = self.form.window
        if window and "members" in _AVAILABILITY:
            queryset = _AVAILABILITY["members"](queryset, *window)
        sort = self.form.cleaned_data.get("sort") or ""
        if sort == "updated":
            return queryset.order_by("-updated_at", "name", "pk")
        if sort == "newest":
            return queryset.order_by(F("member_since").desc(nulls_last=True), "name", "pk")
        return queryset.order_by("name", "pk")
