from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin, LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import cache_control
from django.views.generic import ListView, TemplateView

from accounts.access import MemberRequiredMixin, is_cluster_member
from core.public_forms import PublicForm

from . import selectors, services, tokens
from .certificates import certificate_pdf
from .forms import GuestRegistrationForm
from .ics import build_calendar
from .models import CalendarFeedToken, Event, Registration

# What ``secrets.token_urlsafe`` produces; anything else cannot be a feed token (and a NUL
# byte would not even reach a PostgreSQL text comparison).
FEED_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")

GUEST_FORM = PublicForm(scope="events-register", fingerprint=lambda data: (data["email"].casefold(),))


def waitlist_message(registration: Registration) -> str:
    return _(
        "The event is full: you are number %(position)s on the waiting list. We email you when a seat frees up."
    ) % {"position": selectors.waitlist_position(registration)}


def certificate_allowed(registration: Registration | None) -> bool:
    event = registration.event if registration else None
    return bool(registration and registration.attended and event.issues_certificates and event.is_past())


def _material_response(material):
    if material.url:
        return redirect(material.url)
    return FileResponse(material.file.open("rb"), as_attachment=True, filename=material.file.name.rsplit("/")[-1])


def _certificate_response(registration: Registration, language: str) -> HttpResponse:
    response = HttpResponse(certificate_pdf(registration, language=language), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{registration.event.slug}.pdf"'
    return response


class EventListView(ListView):
    template_name = "events/event_list.html"
    context_object_name = "events"
    paginate_by = 20

    def get_queryset(self):
        self.past = self.request.GET.get("when") == "past"
        self.filterset = selectors.event_list(user=self.request.user, params=self.request.GET, past=self.past)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter=self.filterset,
            past=self.past,
            query=query.urlencode(),
            registered_ids=selectors.registered_event_ids(self.request.user),
            is_member=is_cluster_member(self.request.user),
        )
        return context


class EventCalendarView(TemplateView):
    template_name = "events/event_calendar.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        year, month = selectors.parse_month(self.request.GET.get("month")) or (today.year, today.month)
        kind = self.request.GET.get("kind", "")
        previous = (year - 1, 12) if month == 1 else (year, month - 1)
        following = (year + 1, 1) if month == 12 else (year, month + 1)
        weeks = selectors.month_grid(user=self.request.user, year=year, month=month, kind=kind)
        return super().get_context_data(
            weeks=weeks,
            month_has_events=any(day.events and day.in_month for week in weeks for day in week),
            month_start=today.replace(year=year, month=month, day=1),
            previous=f"{previous[0]}-{previous[1]:02d}",
            following=f"{following[0]}-{following[1]:02d}",
            kind=kind,
            kinds=Event.Kind.choices,
            today=today,
            **kwargs,
        )


class EventAccessMixin(AccessMixin):
    """The event of the URL, if the user may see it: members-only events send
    anonymous users to the login page and refuse other users (403)."""

    @cached_property
    def event(self) -> Event:
        return get_object_or_404(selectors.with_seats(Event.objects.all()), slug=self.kwargs["slug"])

    def dispatch(self, request, *args, **kwargs):
        if not self.event.is_public and not is_cluster_member(request.user):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class EventDetailView(EventAccessMixin, TemplateView):
    template_name = "events/event_detail.html"

    def get_context_data(self, **kwargs):
        user, event = self.request.user, self.event
        registration = selectors.registration_of(user=user, event=event)
        registered = selectors.is_registered(user=user, event=event)
        return super().get_context_data(
            event=event,
            registration=registration,
            waitlist_position=selectors.waitlist_position(registration),
            registered=registered,
            remaining=selectors.remaining_seats(event),
            registration_open=event.registration_is_open(),
            materials=list(event.materials.all()) if registered else [],
            certificate=certificate_allowed(registration),
            guest_form=kwargs.pop("guest_form", None) or GuestRegistrationForm(),
            schema=selectors.event_schema(event, self.request.build_absolute_uri(event.get_absolute_url())),
            **kwargs,
        )


class EventRegisterView(EventAccessMixin, View):
    """A logged-in person registers in one click; a guest fills in name and email."""

    def post(self, request, slug):
        if request.user.is_authenticated:
            return self._register_user()
        return GUEST_FORM.handle(
            request,
            GuestRegistrationForm(request.POST),
            submit=self._register_guest,
            succeeded=self._guest_registered,
            invalid=lambda form, status: self._detail(form, status=status),
            about=[self.event.pk],
        )

    def _register_guest(self, form):
        try:
            services.register_guest(
                event=self.event,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                language=translation.get_language(),
            )
        except services.RegistrationError as error:
            raise ValidationError(str(error)) from error

    def _guest_registered(self):
        messages.success(
            self.request,
            _("Almost done: we have sent you an email. Open the link in it to confirm your registration."),
        )
        return redirect(self.event.get_absolute_url())

    def _register_user(self):
        try:
            registration = services.register_user(event=self.event, user=self.request.user)
        except services.RegistrationError as error:
            messages.error(self.request, str(error))
        else:
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(self.request, _("You are registered. We have sent you a confirmation by email."))
            else:
                messages.info(self.request, waitlist_message(registration))
        return redirect(self.event.get_absolute_url())

    def _detail(self, form, *, status):
        view = EventDetailView()
        view.setup(self.request, **self.kwargs)
        return view.render_to_response(view.get_context_data(guest_form=form), status=status)


class EventCancelView(LoginRequiredMixin, EventAccessMixin, TemplateView):
    """GET asks "Cancel your registration?" (a page, so it works without JavaScript and a
    stray click cancels nothing); the POST cancels and the office is told."""

    template_name = "events/cancel_confirm.html"

    def get_context_data(self, **kwargs):
        registration = self.registration()
        return super().get_context_data(
            event=self.event,
            registration=registration,
            waitlist_position=selectors.waitlist_position(registration),
            **kwargs,
        )

    def registration(self) -> Registration:
        registration = selectors.registration_of(user=self.request.user, event=self.event)
        if registration is None:
            raise Http404("no registration")
        return registration

    def post(self, request, slug):
        # Cancelling again (the form sent twice, or from an old tab) is not an error.
        services.cancel_registration(registration=self.registration(), tell_office=True)
        messages.success(request, _("Your registration is cancelled."))
        return redirect(self.event.get_absolute_url())


class GuestTokenView(TemplateView):
    """A guest's emailed link: the page asks for one click (a POST), so that mail
    scanners opening links do not act for the guest."""

    action = ""
    max_age: int | None = None
    template_name = "events/guest_action.html"

    @cached_property
    def registration(self) -> Registration | None:
        return self.registration_of_link()

    def registration_of_link(self) -> Registration | None:
        return tokens.registration_from_token(self.kwargs["token"], self.action, max_age=self.max_age)

    def get(self, request, *args, **kwargs):
        status = 200 if self.registration else 400
        return self.render_to_response(self.get_context_data(), status=status)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            registration=self.registration,
            event=self.registration.event if self.registration else None,
            waitlist_position=selectors.waitlist_position(self.registration),
            action=self.action,
            **kwargs,
        )


class GuestConfirmView(GuestTokenView):
    action = "confirm"
    max_age = services.GUEST_CONFIRMATION_HOURS * 3600

    def registration_of_link(self) -> Registration | None:
        # A cancelled or expired registration cannot be confirmed: its link is spent.
        registration = super().registration_of_link()
        return registration if registration is not None and registration.is_active else None

    def post(self, request, token):
        registration = self.registration
        if registration is None:
            return self.render_to_response(self.get_context_data(), status=400)
        try:
            registration = services.confirm_guest(registration=registration)
        except services.RegistrationError as error:
            messages.error(request, str(error))
            return redirect(registration.event.get_absolute_url())
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, _("Your registration is confirmed. We have sent you the details by email."))
        else:
            messages.info(request, waitlist_message(registration))
        return self._done(registration)

    def _done(self, registration):
        self.registration = registration  # cached_property: this replaces the cached value
        return self.render_to_response(self.get_context_data(done=True))


class GuestCancelView(GuestTokenView):
    """A guest's own page (the link in every email to them): cancel before the event,
    materials and the certificate after it."""

    action = "cancel"

    def get_context_data(self, **kwargs):
        registration = self.registration
        seated = registration is not None and registration.holds_seat
        return super().get_context_data(
            token=self.kwargs["token"],
            materials=list(registration.event.materials.all()) if seated else [],
            certificate=certificate_allowed(registration),
            **kwargs,
        )

    def post(self, request, token):
        if self.registration is None:
            return self.render_to_response(self.get_context_data(), status=400)
        services.cancel_registration(registration=self.registration, tell_office=True)
        messages.success(request, _("Your registration is cancelled."))
        self.registration.refresh_from_db()
        return self.render_to_response(self.get_context_data(done=True))


class GuestMaterialView(View):
    def get(self, request, token, pk):
        registration = tokens.registration_from_token(token, "cancel")
        if registration is None or not registration.holds_seat:
            raise Http404("no such registration")
        return _material_response(get_object_or_404(registration.event.materials, pk=pk))


class GuestCertificateView(View):
    def get(self, request, token):
        registration = tokens.registration_from_token(token, "cancel")
        if not certificate_allowed(registration):
            raise Http404("no certificate")
        return _certificate_response(registration, translation.get_language())


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@method_decorator(cache_control(private=True, no_cache=True), name="dispatch")
class EventIcsView(EventAccessMixin, View):
    """One event; members-only events and a registered person's details must stay private."""

    def get(self, request, slug):
        registered = selectors.is_registered(user=request.user, event=self.event)
        content = build_calendar(
            [self.event], language=translation.get_language(), details_for=lambda event: registered
        )
        return _calendar_response(content, f"{self.event.slug}.ics")


class PublicFeedView(View):
    """Public events only, whoever asks: calendar apps subscribe without a login."""

    def get(self, request):
        events = selectors.feed_events()
        content = build_calendar(events, language=translation.get_language(), name=str(_("Cluster events")))
        return _calendar_response(content, "events.ics")


@method_decorator(cache_control(private=True, no_cache=True), name="dispatch")
class PrivateFeedView(View):
    """A member's own feed: members-only events too, and the details of the events they
    registered for. The secret token in the URL stands in for a login, so no shared cache
    (a proxy, a CDN) may keep a copy."""

    def get(self, request, token):
        if not FEED_TOKEN.fullmatch(token):
            raise Http404("not a feed token")
        feed = get_object_or_404(CalendarFeedToken.objects.select_related("user"), token=token)
        user = feed.user
        if not is_cluster_member(user):
            raise Http404("not a member any more")
        registered = selectors.registered_event_ids(user)
        content = build_calendar(
            selectors.feed_events(user=user),
            language=user.preferred_language,
            name=str(_("Cluster events")),
            details_for=lambda event: event.pk in registered,
        )
        return _calendar_response(content, "my-events.ics")


class MyCalendarView(MemberRequiredMixin, TemplateView):
    template_name = "events/my_calendar.html"

    def get_context_data(self, **kwargs):
        feed = services.feed_token_for(user=self.request.user)
        return super().get_context_data(
            feed_url=self.request.build_absolute_uri(reverse("events:private-feed", kwargs={"token": feed.token})),
            **kwargs,
        )

    def post(self, request):
        services.reset_feed_token(user=request.user)
        messages.success(request, _("Your private calendar address has been changed. The old one no longer works."))
        return redirect("events:my-calendar")


class StaffRequiredMixin(AccessMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.is_staff:
            raise PermissionDenied("coordinators only")
        return super().dispatch(request, *args, **kwargs)


class AttendanceView(StaffRequiredMixin, EventAccessMixin, TemplateView):
    """The check-list at the door: one tap per person marks them present (or not)."""

    template_name = "events/attendance.html"

    def get_context_data(self, **kwargs):
        registrations = list(selectors.attendance_list(self.event))
        present = sum(1 for r in registrations if r.attended)
        return super().get_context_data(event=self.event, registrations=registrations, present=present, **kwargs)

    def post(self, request, slug):
        registration_id = request.POST.get("registration", "")
        if not registration_id.isascii() or not registration_id.isdigit():
            raise Http404("no such registration")
        registration = get_object_or_404(selectors.attendance_list(self.event), pk=registration_id)
        services.set_attendance(registration=registration, attended=request.POST.get("attended") == "1")
        return HttpResponseRedirect(f"{request.path}#r{registration.pk}")


class MaterialView(EventAccessMixin, View):
    def get(self, request, slug, pk):
        if not selectors.is_registered(user=request.user, event=self.event):
            if not request.user.is_authenticated:
                return self.handle_no_permission()
            raise PermissionDenied("registered people only")
        return _material_response(get_object_or_404(self.event.materials, pk=pk))


class CertificateView(LoginRequiredMixin, EventAccessMixin, View):
    def get(self, request, slug):
        registration = selectors.registration_of(user=request.user, event=self.event)
        if not certificate_allowed(registration):
            raise PermissionDenied("no certificate for this person")
        return _certificate_response(registration, translation.get_language())
