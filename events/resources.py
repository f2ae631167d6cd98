"""Event registrations for spreadsheets (the desk's export and the admin's action)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields

from core.spreadsheets import SpreadsheetResource

from .models import Registration


class RegistrationResource(SpreadsheetResource):
    event = fields.Field(column_name="event")
    event_starts = fields.Field(column_name="event starts")
    status = fields.Field(column_name="status")
    attended = fields.Field(column_name="attended")

    class Meta:
        model = Registration
        fields = ("id", "event", "event_starts", "name", "email", "language", "status", "created_at", "attended")
        export_order = fields

    def get_queryset(self):
        return Registration.objects.select_related("event").order_by("event__starts_at", "event_id", "created_at")

    def dehydrate_event(self, registration):
        return registration.event.title

    def dehydrate_event_starts(self, registration):
        return timezone.localtime(registration.event.starts_at).strftime("%Y-%m-%d %H:%M")

    def dehydrate_status(self, registration):
        return registration.get_status_display()

    def dehydrate_created_at(self, registration):
        return timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M")

    def dehydrate_attended(self, registration):
        return _("yes") if registration.attended_at else ""
