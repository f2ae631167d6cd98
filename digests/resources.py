"""Digest deliveries for spreadsheets (the desk's export)."""

from __future__ import annotations

from django.utils import timezone
from import_export import fields

from core.spreadsheets import SpreadsheetResource

from .models import DigestDelivery


class DeliveryResource(SpreadsheetResource):
    email = fields.Field(column_name="email")
    state = fields.Field(column_name="state")

    class Meta:
        model = DigestDelivery
        fields = (
            "id",
            "email",
            "frequency",
            "period_start",
            "period_end",
            "state",
            "attempts",
            "language",
            "subject",
            "sent_at",
            "last_error",
        )
        export_order = fields

    def get_queryset(self):
        return DigestDelivery.objects.select_related("user").order_by("-period_start", "user_id")

    def dehydrate_email(self, delivery):
        return delivery.user.email

    def dehydrate_state(self, delivery):
        return delivery.get_state_display()

    def dehydrate_sent_at(self, delivery):
        return timezone.localtime(delivery.sent_at).strftime("%Y-%m-%d %H:%M") if delivery.sent_at else ""
