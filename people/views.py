"""Pages of the people area. The list and profiles are public (opted-in people only); a
person's own editor and availability need their login; holds from leads are for member
firms that answered the lead with interest; the busy feed's secret key stands in for a
login, so it is never stored by a shared cache.

These pages are not in the whole-page cache (``core.pagecache``): who is free changes
with time as holds expire, so the finder answers from the database every time.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import cache_control
from django.views.generic import DetailView, TemplateView

from accounts.access import MemberRequiredMixin, active_member_ids
from core.search import query as search_query
from members.models import Member, Resource
from members.shortlist import is_slug
from productions import selectors as production_selectors

from . import feeds, selectors, seo, services, tasks
from .filters import PeopleFilter
from .forms import HoldForm, PeriodForm, PersonCreditFormSet, PersonProfileForm
from .models import Period, Person
from .shortlist import shortlist_add_person, shortlist_people, shortlist_remove_person

PER_PAGE = 24
FEED_TOKEN = re.compile(r"[-_A-Za-z0-9]{20,64}")


class PersonListView(TemplateView):
    """The catalogue of people, and the finder: role and dates give who is free."""

    template_name = "people/person_list.html"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        people = selectors.people_for_list()
        raw = " ".join(params.get("q", "").split())[:200]
        query, _keys = search_query.parse(raw) if raw else (None, None)
        if query:
            tsquery = query.search_query()
            people = people.filter(search_vector=tsquery) if tsquery is not None else people.none()
        filterset = PeopleFilter(params or None, queryset=people)
        people = (filterset.qs if filterset.is_bound else people).order_by("name", "pk")
        paginator = Paginator(people, PER_PAGE)
        try:
            page = paginator.page(params.get("page") or 1)
        except InvalidPage:
            raise Http404("no such page") from None
        return super().get_context_data(
            filterset=filterset,
            window=filterset.window,
            query=raw,
            people=page.object_list,
            page_obj=page,
            paginator=paginator,
            is_paginated=paginator.num_pages > 1,
            page_query=urlencode([(k, value) for k, values in params.lists() if k != "page" for value in values]),
            shortlist_people=shortlist_people(self.request),
            **kwargs,
        )


class PersonDetailView(DetailView):
    template_name = "people/person_detail.html"
    context_object_name = "person"

    def get_object(self, queryset=None):
        try:
            return selectors.public_profile(self.kwargs["slug"])
        except Person.DoesNotExist:
            raise Http404("no such public person") from None

    def get_context_data(self, **kwargs):
        person = self.object
        return super().get_context_data(
            json_ld=seo.person_json_ld(person, self.request),
            meta_description=seo.person_meta_description(person),
            in_shortlist=person.slug in shortlist_people(self.request),
            busy=selectors.busy_from_today(person)[:12],
            **kwargs,
        )


class PersonShortlistToggleView(View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        # Cards send add=<slug> or remove=<slug>; a profile sends person + action.
        if request.POST.get("add") or request.POST.get("remove"):
            slug = request.POST.get("add") or request.POST.get("remove")
            action = "add" if request.POST.get("add") else "remove"
        else:
            slug, action = request.POST.get("person", ""), request.POST.get("action", "add")
        if action == "remove":
            shortlist_remove_person(request, slug)
        elif is_slug(slug) and selectors.public_people().filter(slug=slug).exists():
            shortlist_add_person(request, slug)
        else:
            raise Http404("no such public person")
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
            target = reverse("members:shortlist")
        return HttpResponseRedirect(target)


class OwnPersonMixin(LoginRequiredMixin):
    """The profile of the logged-in user, and no one else's: there is no id in the URL."""

    def get_person(self) -> Person:
        try:
            return self.request.user.person
        except Person.DoesNotExist:
            raise Http404("this user keeps no person profile") from None


class PersonSelfEditView(OwnPersonMixin, TemplateView):
    template_name = "people/person_form.html"

    def get_context_data(self, **kwargs):
        person = self.get_person()
        kwargs.setdefault("form", PersonProfileForm(instance=person))
        kwargs.setdefault("credits", PersonCreditFormSet(instance=person))
        return super().get_context_data(person=person, **kwargs)

    def post(self, request, *args, **kwargs):
        person = self.get_person()
        form = PersonProfileForm(request.POST, request.FILES, instance=person)
        credits = PersonCreditFormSet(request.POST, instance=person)
        if not (form.is_valid() and credits.is_valid()):
            return self.render_to_response(self.get_context_data(form=form, credits=credits), status=400)
        with transaction.atomic():
            person = form.save()
            credits.save()
        if person.import_url and "import_url" in form.changed_data:
            transaction.on_commit(lambda: tasks.import_busy_feed.delay(person_id=person.pk))
        messages.success(request, _("Your profile has been saved."))
        return redirect("people:me")


class PersonAvailabilityView(OwnPersonMixin, TemplateView):
    """The person's calendar editor: their periods from today, and a form to add one."""

    template_name = "people/availability.html"

    def get_context_data(self, **kwargs):
        person = self.get_person()
        kwargs.setdefault("form", PeriodForm())
        feed_path = reverse("people:busy_feed", kwargs={"token": person.feed_token})
        return super().get_context_data(
            person=person,
            periods=selectors.with_delete_urls(selectors.upcoming_periods(person), "people:period_delete"),
            feed_url=self.request.build_absolute_uri(feed_path),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        person = self.get_person()
        form = PeriodForm(request.POST)
        if form.is_valid():
            try:
                services.period_add(person=person, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The days have been marked."))
                return redirect("people:availability")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PeriodDeleteView(OwnPersonMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        period = get_object_or_404(Period, pk=pk, person=self.get_person())
        services.period_delete(period=period)
        messages.success(request, _("The entry has been removed."))
        return redirect("people:availability")


@method_decorator(cache_control(private=True, no_store=True), name="dispatch")
class BusyFeedView(View):
    """A person's busy days as iCalendar, at a secret address they subscribe to."""

    def get(self, request, token):
        if not FEED_TOKEN.fullmatch(token):
            raise Http404("not a feed key")
        person = get_object_or_404(Person, feed_token=token)
        periods = selectors.busy_from_today(person, days_back=31)
        host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "portal"
        response = HttpResponse(feeds.busy_calendar(periods, host=host), content_type="text/calendar; charset=utf-8")
        response["X-Robots-Tag"] = "noindex"
        return response


class LeadHoldsView(MemberRequiredMixin, TemplateView):
    """Pencil a lead's shooting window on the people and resources of one's firm."""

    template_name = "people/lead_holds.html"

    def get_lead(self):
        leads = production_selectors.leads_visible_to(self.request.user)
        return get_object_or_404(leads, pk=self.kwargs["lead_pk"])

    def get_firm(self, lead) -> Member | None:
        """The user's firm that answered this lead with interest (None if none did)."""
        ids = active_member_ids(self.request.user)
        responses = lead.responses.filter(member_id__in=ids, status__in=lead.responses.model.POSITIVE)
        response = responses.select_related("member").order_by("member__name").first()
        return response.member if response else None

    def form_for(self, firm, data=None):
        people = selectors.people_of_firms([firm.pk])
        resources = Resource.objects.filter(member=firm)
        return HoldForm(data, people=people, resources=resources)

    def get_context_data(self, **kwargs):
        lead = self.get_lead()
        firm = self.get_firm(lead)
        if firm is not None:
            kwargs.setdefault("form", self.form_for(firm))
        holds = Period.objects.filter(lead=lead, member=firm).select_related("person", "resource") if firm else []
        free, busy = selectors.people_matching_lead(lead)
        return super().get_context_data(lead=lead, firm=firm, holds=holds, free=free, busy=busy, **kwargs)

    def post(self, request, *args, **kwargs):
        lead = self.get_lead()
        firm = self.get_firm(lead)
        if firm is None:
            raise PermissionDenied("only a firm interested in the lead pencils its window")
        form = self.form_for(firm, request.POST)
        if form.is_valid():
            try:
                services.holds_place(
                    lead=lead,
                    member_id=firm.pk,
                    user=request.user,
                    people=list(form.cleaned_data["people"].prefetch_related("firms")),
                    resources=list(form.cleaned_data["resources"]),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The shooting window has been pencilled."))
                return redirect("people:lead_holds", lead_pk=lead.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class HoldConfirmView(MemberRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        hold = get_object_or_404(Period, pk=pk, kind=Period.Kind.HOLD, member_id__in=active_member_ids(request.user))
        try:
            services.hold_confirm(hold=hold, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The hold is now a booking."))
        return redirect("people:lead_holds", lead_pk=hold.lead_id) if hold.lead_id else redirect("people:list")


class PersonClaimView(LoginRequiredMixin, TemplateView):
    """The link of an invitation: a logged-in user takes over the profile it names."""

    template_name = "people/claim.html"

    def post(self, request, token):
        try:
            services.person_claim(token=token, user=request.user)
        except services.InvalidInvitation:
            return self.render_to_response(self.get_context_data(invalid=True), status=400)
        messages.success(request, _("The profile is yours now. Check it, then choose whether to show it publicly."))
        return redirect("people:me")
