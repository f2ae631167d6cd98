from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from core import spreadsheets

from . import services
from .forms import EmailRegistrantsForm
from .models import CalendarFeedToken, Event, Material, Registration
from .resources import RegistrationResource
from .selectors import attendance_list, with_seats


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["name", "email", "user", "status", "attended_at", "created_at", "reminder_sent_at"]
    readonly_fields = ["created_at", "reminder_sent_at"]
    raw_id_fields = ["user"]
    show_change_link = True


class MaterialInline(admin.TabularInline):
    model = Material
    extra = 1
    fields = ["title", "file", "url", "position"]


@admin.register(Event)
class EventAdmin(TranslationAdmin):
    list_display = ["title", "kind", "starts_at", "visibility", "capacity", "confirmed_count", "check_list"]
    list_filter = ["kind", "visibility", "starts_at"]
    search_fields = ["title_pl", "title_en", "slug", "organiser"]
    prepopulated_fields = {"slug": ["title_en"]}
    date_hierarchy = "starts_at"
    inlines = [MaterialInline, RegistrationInline]
    actions = ["export_registrations_csv", "print_attendance_list", "email_registrants"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "visibility", "description", "image", "organiser"]}),
        (_("Time and place"), {"fields": ["starts_at", "ends_at", "venue", "address", "online_url"]}),
        (
            _("Registration"),
            {"fields": ["registration_enabled", "capacity", "registration_opens_at", "registration_closes_at"]},
        ),
    ]

    def get_queryset(self, request):

        return with_seats(super().get_queryset(request))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        promoted = services.fill_free_seats(event=form.instance)
        if promoted:
            names = ", ".join(r.name for r in promoted)
            self.message_user(request, _("Moved up from the waiting list: %(names)s") % {"names": names})

    @admin.display(description=_("confirmed"), ordering="taken_seats")
    def confirmed_count(self, obj):
        return obj.taken_seats

    @admin.display(description=_("attendance"))
    def check_list(self, obj):
        url = reverse("events:attendance", kwargs={"slug": obj.slug})
        return format_html('<a href="{}">{}</a>', url, _("check-list"))

    @admin.action(description=_("Export registrations (CSV)"))
    def export_registrations_csv(self, request, queryset):
        registrations = Registration.objects.filter(event__in=queryset)
        return spreadsheets.export_response(
            RegistrationResource(file_format="csv"), name="registrations", only=registrations
        )

    @admin.action(description=_("Print the attendance list"))
    def print_attendance_list(self, request, queryset):

        events = [(event, list(attendance_list(event))) for event in queryset.order_by("starts_at")]
        return TemplateResponse(request, "events/admin/attendance_print.html", {"events": events})

    @admin.action(description=_("Email the registrants"))
    def email_registrants(self, request, queryset):
        form = EmailRegistrantsForm(request.POST if "send" in request.POST else None)
        if "send" in request.POST and form.is_valid():
            count = services.email_registrants(
                events=queryset,
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
                statuses=form.cleaned_data["statuses"],
            )
            self.message_user(
                request,
                ngettext("%(count)d email queued.", "%(count)d emails queued.", count) % {"count": count},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Email the registrants"),
            "form": form,
            "events": queryset,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "events/admin/email_registrants.html", context)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "event", "status", "created_at", "attended_at"]
    list_filter = ["status", ("event", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "email", "event__title_pl", "event__title_en"]
    raw_id_fields = ["user", "event"]
    list_select_related = ["event"]
    readonly_fields = ["created_at", "confirmed_at", "waitlisted_at", "cancelled_at", "reminder_sent_at"]
    actions = ["cancel_and_promote"]

    @admin.action(description=_("Cancel (the waiting list moves up and is told by email)"))
    def cancel_and_promote(self, request, queryset):
        for registration in queryset:
            services.cancel_registration(registration=registration)
        self.message_user(request, _("Registrations cancelled."), messages.SUCCESS)


@admin.register(CalendarFeedToken)
class CalendarFeedTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    raw_id_fields = ["user"]
    readonly_fields = ["token", "created_at"]
