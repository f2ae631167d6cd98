"""Production leads with the firms interested, for spreadsheets (the desk's export and
the admin's action)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from import_export import fields

from core.spreadsheets import SpreadsheetResource

from .models import LeadResponse, ProductionLead


class LeadResource(SpreadsheetResource):
    status = fields.Field(column_name="status")
    kind = fields.Field(column_name="kind")
    services_needed = fields.Field(column_name="services needed")
    interested_firms = fields.Field(column_name="interested firms")
    interest_count = fields.Field(column_name="interest count")

    class Meta:
        model = ProductionLead
        fields = (
            "id",
            "title_pl",
            "title_en",
            "status",
            "kind",
            "producer_company",
            "producer_country",
            "shooting_start",
            "shooting_end",
            "published_at",
            "services_needed",
            "interest_count",
            "interested_firms",
        )
        export_order = fields

    def get_queryset(self):
        positive = LeadResponse.objects.filter(status__in=LeadResponse.POSITIVE).select_related("member")
        return ProductionLead.objects.prefetch_related(
            "services_needed", Prefetch("responses", positive, to_attr="positive")
        ).order_by("-created_at")

    def dehydrate_status(self, lead):
        return lead.get_status_display()

    def dehydrate_kind(self, lead):
        return lead.get_kind_display()

    def dehydrate_published_at(self, lead):
        return timezone.localtime(lead.published_at).strftime("%Y-%m-%d %H:%M") if lead.published_at else ""

    def dehydrate_services_needed(self, lead):
        return "; ".join(c.name for c in lead.services_needed.all())

    def dehydrate_interest_count(self, lead):
        return len(lead.positive)

    def dehydrate_interested_firms(self, lead):
        return "; ".join(f"{r.member.name} ({r.get_status_display()})" for r in lead.positive)
