"""The availability editor of a firm's resources and of managed locations, and their
busy feeds: the same periods, form and calendar as a person's own (``PeriodForm``,
``services.period_add``, ``templates/people/_availability_editor.html``).

Access, reusing each owner's own rules: a resource's calendar is part of "My company"
(``CompanyAccessMixin``: anonymous to the login page, another firm's user 404, a
suspended firm 403, the coordinator everywhere) and the resource must be the firm's
(404 otherwise); a location's calendar follows the locations editor
(``LocationManagerMixin``: the managing firm's users, the coordinator for every
location, cluster-managed ones included; another firm's location is 404).

Each resource and location has an ``OwnerCalendar`` row (people's own, so ``members``
and ``locations`` need no migration and still import nothing of ``people``): the random
key of its busy feed, and the outside busy feed it imports. The feed's address keeps
the owner in the path (``feed/<kind>/<pk>/<key>.ics``): the row is found by the owner
and its key compared in constant time, so a wrong key, an unknown owner and a key
made for another owner are all the same 404. Addresses subscribed before keys were
stored carried a key derived from the secret key; migration 0004 stored exactly that
key for every existing owner, so they keep working with no second lookup path here,
and making a new key retires them like any other. The owner makes a new key on a
confirmation page (a POST; the old address is 404 at once).

The import form sits on the same calendar page, with the page's access rules; saving
an address queues the import when the transaction commits (saving it again imports
again), clearing it removes the imported days. Its status is written in the language
of the user who saved the address; the periodic import (``tasks.import_all_busy_feeds``)
covers these owners as well as people.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView

from locations.manage_views import LocationManagerMixin
from locations.models import Location
from members.company_views import CompanyAccessMixin
from members.models import Resource

from . import feeds, selectors, services, tasks
from .forms import OwnerImportForm, PeriodForm
from .models import OwnerCalendar, Period

OWNER_KINDS = ("resource", "location")


def _feed_host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "portal"


class OwnerCalendarMixin:
    """The owner of the page (a resource or a location), its addresses and its feeds row."""

    owner_field = ""  # "resource" or "location"

    def get_owner(self):
        raise NotImplementedError

    def owner_url_args(self) -> list:
        raise NotImplementedError

    def owner_url(self, suffix: str = "") -> str:
        """``people:<kind>_calendar`` and its siblings (``_import``, ``_feed_key``)."""
        return reverse(f"people:{self.owner_field}_calendar{suffix}", args=self.owner_url_args())

    def editor_url(self) -> str:
        return self.owner_url()

    def get_calendar(self) -> OwnerCalendar:
        owner = self.get_owner()
        try:
            return owner.calendar  # fetched with the owner (select_related)
        except OwnerCalendar.DoesNotExist:
            return services.owner_calendar_ensure(**{self.owner_field: owner})


class AvailabilityEditorMixin(OwnerCalendarMixin):
    """GET shows the owner's periods from today, the form and the owner's feeds; POST
    adds a period."""

    template_name = "people/calendar.html"

    def get_context_data(self, **kwargs):
        owner, calendar = self.get_owner(), self.get_calendar()
        kwargs.setdefault("form", PeriodForm())
        kwargs.setdefault("import_form", OwnerImportForm(instance=calendar))
        feed_path = reverse(
            "people:owner_busy_feed", kwargs={"kind": self.owner_field, "pk": owner.pk, "key": calendar.feed_token}
        )
        return super().get_context_data(
            owner=owner,
            owner_kind=self.owner_field,
            calendar=calendar,
            periods=selectors.with_delete_urls(
                selectors.upcoming_periods(owner), f"people:{self.owner_field}_period_delete", *self.owner_url_args()
            ),
            feed_url=self.request.build_absolute_uri(feed_path),
            editor_url=self.editor_url(),
            import_action=self.owner_url("_import"),
            feed_key_url=self.owner_url("_feed_key"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        owner = self.get_owner()
        form = PeriodForm(request.POST)
        if form.is_valid():
            try:
                services.period_add(**{self.owner_field: owner}, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The days have been marked."))
                return redirect(self.editor_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ImportFeedMixin:
    """POST sets or clears the owner's outside busy feed; a bad address shows the calendar
    page again with the error next to the field and the address as typed."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        calendar = self.get_calendar()
        form = OwnerImportForm(request.POST, instance=calendar)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(import_form=form), status=400)
        calendar = services.owner_import_set(
            calendar=calendar, url=form.cleaned_data["import_url"], language=request.LANGUAGE_CODE
        )
        if calendar.import_url:
            transaction.on_commit(lambda: tasks.import_owner_busy_feed.delay(calendar_id=calendar.pk))
            messages.success(request, _("The address is saved. Its busy times are being imported."))
        else:
            messages.success(request, _("The import is switched off and the days it brought are removed."))
        return redirect(self.editor_url())


class FeedKeyMixin:
    """GET asks "Make a new address?" on a page of its own (a stray click changes
    nothing); the POST makes a new key, and the old address is 404 from then on."""

    template_name = "people/feed_key_confirm.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(owner=self.get_owner(), editor_url=self.editor_url(), **kwargs)

    def post(self, request, *args, **kwargs):
        services.owner_feed_key_regenerate(calendar=self.get_calendar())
        messages.success(request, _("The feed has a new address. Subscribe to it again; the old one no longer works."))
        return redirect(self.editor_url())


class CompanyResourceMixin(CompanyAccessMixin, OwnerCalendarMixin):
    owner_field = "resource"

    def get_owner(self) -> Resource:
        if not hasattr(self, "_resource"):
            resources = Resource.objects.select_related("calendar")
            self._resource = get_object_or_404(resources, pk=self.kwargs["pk"], member=self.member)
        return self._resource

    def owner_url_args(self) -> list:
        return [self.member.slug, self.get_owner().pk]


class CompanyCalendarsView(CompanyAccessMixin, TemplateView):
    """The firm's resources, each with its busy days ahead and a link to its calendar."""

    template_name = "people/company_calendars.html"

    def get_context_data(self, **kwargs):
        resources = list(Resource.objects.filter(member=self.member).order_by("position", "pk"))
        busy = selectors.busy_by_resource(resources)
        rows = [(resource, busy.get(resource.pk, [])) for resource in resources]
        return super().get_context_data(rows=rows, **kwargs)


class ResourceCalendarView(CompanyResourceMixin, AvailabilityEditorMixin, TemplateView):
    pass


class ResourceImportFeedView(ImportFeedMixin, ResourceCalendarView):
    pass


class ResourceFeedKeyView(FeedKeyMixin, CompanyResourceMixin, TemplateView):
    pass


class ResourcePeriodDeleteView(CompanyResourceMixin, View):
    http_method_names = ["post"]

    def post(self, request, slug, pk, period_pk):
        resource = self.get_owner()
        services.period_delete(period=get_object_or_404(Period, pk=period_pk, resource=resource))
        messages.success(request, _("The entry has been removed."))
        return redirect("people:resource_calendar", slug=slug, pk=resource.pk)


class ManagedLocationMixin(LocationManagerMixin, OwnerCalendarMixin):
    owner_field = "location"

    def get_owner(self) -> Location:
        if not hasattr(self, "_location"):
            locations = Location.objects.select_related("manager", "calendar")
            location = locations.filter(slug=self.kwargs["slug"]).first()
            if location is None:
                raise Http404
            if not self.request.user.is_staff and location.manager_id not in self.member_ids:
                raise Http404  # another firm's location, or the cluster office's
            self._location = location
        return self._location

    def owner_url_args(self) -> list:
        return [self.get_owner().slug]


class LocationCalendarView(ManagedLocationMixin, AvailabilityEditorMixin, TemplateView):
    pass


class LocationImportFeedView(ImportFeedMixin, LocationCalendarView):
    pass


class LocationFeedKeyView(FeedKeyMixin, ManagedLocationMixin, TemplateView):
    pass


class LocationPeriodDeleteView(ManagedLocationMixin, View):
    http_method_names = ["post"]

    def post(self, request, slug, period_pk):
        location = self.get_owner()
        services.period_delete(period=get_object_or_404(Period, pk=period_pk, location=location))
        messages.success(request, _("The entry has been removed."))
        return redirect("people:location_calendar", slug=location.slug)


@method_decorator(cache_control(private=True, no_store=True), name="dispatch")
class OwnerBusyFeedView(View):
    """A resource's or a location's busy days as iCalendar, at its secret address."""

    def get(self, request, kind, pk, key):
        if kind not in OWNER_KINDS:
            raise Http404("not a feed")
        calendar = OwnerCalendar.objects.select_related(kind).filter(**{f"{kind}_id": pk}).first()
        # The owner is found by its id; only the key is secret, compared in constant time.
        if calendar is None or not constant_time_compare(key, calendar.feed_token):
            raise Http404("not a feed key")
        periods = selectors.busy_from_today(calendar.owner, days_back=31)
        response = HttpResponse(
            feeds.busy_calendar(periods, host=_feed_host()), content_type="text/calendar; charset=utf-8"
        )
        response["X-Robots-Tag"] = "noindex"
        return response
