"""The firms' marks on funding calls and tenders, with their outcomes, for spreadsheets
(the desk's export)."""

from __future__ import annotations

from django.utils import timezone
from import_export import fields

from core.spreadsheets import SpreadsheetResource

from .models import CallParticipation


class CallParticipationResource(SpreadsheetResource):
    call = fields.Field(column_name="call or tender")
    category = fields.Field(column_name="category")
    deadline = fields.Field(column_name="deadline")
    firm = fields.Field(column_name="firm")
    status = fields.Field(column_name="status")
    updated_at = fields.Field(column_name="last changed")

    class Meta:
        model = CallParticipation
        fields = ("id", "call", "category", "deadline", "firm", "status", "seeks_partners", "updated_at")
        export_order = fields

    def get_queryset(self):
        return CallParticipation.objects.select_related("call", "member").order_by("-call__deadline", "member__name")

    def dehydrate_call(self, participation):
        return participation.call.title

    def dehydrate_category(self, participation):
        return participation.call.get_category_display()

    def dehydrate_deadline(self, participation):
        return timezone.localtime(participation.call.deadline).strftime("%Y-%m-%d %H:%M")

    def dehydrate_firm(self, participation):
        return participation.member.name

    def dehydrate_status(self, participation):
        return participation.get_status_display()

    def dehydrate_updated_at(self, participation):
        return timezone.localtime(participation.updated_at).strftime("%Y-%m-%d %H:%M")
