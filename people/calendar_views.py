"""The availability editor of a firm's resources and of managed locations, and their
busy feeds: the same periods, form and calendar as a person's own (``PeriodForm``,
``services.period_add``, ``templates/people/_availability_editor.html``).

Access, reusing each owner's own rules: a resource's calendar is part of "My company"
(``CompanyAccessMixin``: anonymous to the login page, another firm's user 404, a
suspended firm 403, the coordinator everywhere) and the resource must be the firm's
(404 otherwise); a location's calendar follows the locations editor
(``LocationManagerMixin``: the managing firm's users, the coordinator for every
location, cluster-managed ones included; another firm's location is 404).

A resource's or location's feed address carries a key derived from the secret key and
the owner (``feed_key``) rather than a stored one: nothing to migrate in the owners'
apps, and the key stays the same for as long as the installation's secret key does.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView

from locations.manage_views import LocationManagerMixin
from locations.models import Location
from members.company_views import CompanyAccessMixin
from members.models import Resource

from . import feeds, selectors, services
from .forms import PeriodForm
from .models import Period

FEED_KEY_SALT = "people.calendar_views.feed"


def feed_key(kind: str, pk: int) -> str:
    return salted_hmac(FEED_KEY_SALT, f"{kind}:{pk}").hexdigest()[:32]


def _feed_host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "portal"


class AvailabilityEditorMixin:
    """GET shows the owner's periods from today and the form; POST adds a period."""

    template_name = "people/calendar.html"
    owner_field = ""  # "resource" or "location"

    def get_owner(self):
        raise NotImplementedError

    def editor_url(self) -> str:
        raise NotImplementedError

    def delete_url_name(self) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        owner = self.get_owner()
        kwargs.setdefault("form", PeriodForm())
        feed_path = reverse(
            "people:owner_busy_feed",
            kwargs={"kind": self.owner_field, "pk": owner.pk, "key": feed_key(self.owner_field, owner.pk)},
        )
        return super().get_context_data(
            owner=owner,
            owner_kind=self.owner_field,
            periods=selectors.with_delete_urls(
                selectors.upcoming_periods(owner), self.delete_url_name(), *self.delete_url_args()
            ),
            feed_url=self.request.build_absolute_uri(feed_path),
            editor_url=self.editor_url(),
            **kwargs,
        )

    def delete_url_args(self) -> list:
        return []

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


class CompanyResourceMixin(CompanyAccessMixin):
    def get_owner(self) -> Resource:
        if not hasattr(self, "_resource"):
            self._resource = get_object_or_404(Resource, pk=self.kwargs["pk"], member=self.member)
        return self._resource


class CompanyCalendarsView(CompanyAccessMixin, TemplateView):
    """The firm's resources, each with its busy days ahead and a link to its calendar."""

    template_name = "people/company_calendars.html"

    def get_context_data(self, **kwargs):
        resources = list(Resource.objects.filter(member=self.member).order_by("position", "pk"))
        busy = selectors.busy_by_resource(resources)
        rows = [(resource, busy.get(resource.pk, [])) for resource in resources]
        return super().get_context_data(rows=rows, **kwargs)


class ResourceCalendarView(CompanyResourceMixin, AvailabilityEditorMixin, TemplateView):
    owner_field = "resource"

    def editor_url(self) -> str:
        return reverse("people:resource_calendar", kwargs={"slug": self.member.slug, "pk": self.get_owner().pk})

    def delete_url_name(self) -> str:
        return "people:resource_period_delete"

    def delete_url_args(self) -> list:
        return [self.member.slug, self.get_owner().pk]


class ResourcePeriodDeleteView(CompanyResourceMixin, View):
    http_method_names = ["post"]

    def post(self, request, slug, pk, period_pk):
        resource = self.get_owner()
        services.period_delete(period=get_object_or_404(Period, pk=period_pk, resource=resource))
        messages.success(request, _("The entry has been removed."))
        return redirect("people:resource_calendar", slug=slug, pk=resource.pk)


class ManagedLocationMixin(LocationManagerMixin):
    def get_owner(self) -> Location:
        if not hasattr(self, "_location"):
            location = Location.objects.select_related("manager").filter(slug=self.kwargs["slug"]).first()
            if location is None:
                raise Http404
            if not self.request.user.is_staff and location.manager_id not in self.member_ids:
                raise Http404  # another firm's location, or the cluster office's
            self._location = location
        return self._location


class LocationCalendarView(ManagedLocationMixin, AvailabilityEditorMixin, TemplateView):
    owner_field = "location"

    def editor_url(self) -> str:
        return reverse("people:location_calendar", kwargs={"slug": self.get_owner().slug})

    def delete_url_name(self) -> str:
        return "people:location_period_delete"

    def delete_url_args(self) -> list:
        return [self.get_owner().slug]


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

    models = {"resource": Resource, "location": Location}

    def get(self, request, kind, pk, key):
        model = self.models.get(kind)
        if model is None or not constant_time_compare(key, feed_key(kind, pk)):
            raise Http404("not a feed key")
        owner = get_object_or_404(model, pk=pk)
        periods = selectors.busy_from_today(owner, days_back=31)
        response = HttpResponse(
            feeds.busy_calendar(periods, host=_feed_host()), content_type="text/calendar; charset=utf-8"
        )
        response["X-Robots-Tag"] = "noindex"
        return response
