"""django-import-export resources: what the coordinator exports and imports.

Exports: members (with their services), production leads with the firms interested,
event registrations, digest deliveries and the firms' marks on calls and tenders (the
outcomes: interested, applying, submitted, won, lost). Import: members, for a new cluster's first
load, matched on ``slug`` (made from the name when the column is empty); ``services``
holds category slugs separated by ``;``. Every CSV text cell that a spreadsheet would
run as a formula (= + - @) is neutralised on export.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from cooperation.models import CallParticipation
from core.spreadsheets import csv_safe
from digests.models import DigestDelivery
from events.models import Registration
from members.models import Member, MemberService, ServiceCategory
from members.search import fold
from productions.models import LeadResponse, ProductionLead


class SafeExportMixin:
    """Neutralise formula-looking cells in every exported text value, for CSV.

    The Excel writer stores every text as an inline string, which a spreadsheet never
    evaluates, so it asks for the values as they are (``neutralise_formulas=False``):
    a phone number "+48 12 …" stays that, without the apostrophe CSV needs.
    """

    def __init__(self, *args, neutralise_formulas: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.neutralise_formulas = neutralise_formulas

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return csv_safe(value) if self.neutralise_formulas and isinstance(value, str) else value


class ServiceSlugsWidget(widgets.Widget):
    """``"camera-rental; editing"`` ⇄ the ServiceCategory rows with those slugs."""

    def clean(self, value, row=None, **kwargs):
        slugs = [part.strip() for part in str(value or "").replace(",", ";").split(";") if part.strip()]
        if not slugs:
            return []
        found = {c.slug: c for c in ServiceCategory.objects.filter(slug__in=slugs)}
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            raise ValueError(_("Unknown service: %(slugs)s.") % {"slugs": ", ".join(unknown)})
        return [found[slug] for slug in slugs]

    def render(self, value, obj=None, **kwargs):
        return "; ".join(c.slug for c in value or [])


class WholeNumberWidget(widgets.IntegerWidget):
    """A whole number, with a message a person understands when the cell is not one."""

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        if not text:
            return None
        if not text.isdigit():
            raise ValueError(_("Enter a whole number, e.g. 2010, not “%(value)s”.") % {"value": text})
        return int(text)


class MemberResource(SafeExportMixin, resources.ModelResource):
    services = fields.Field(attribute="service_slugs", column_name="services", widget=ServiceSlugsWidget())
    year_founded = fields.Field(attribute="year_founded", column_name="year_founded", widget=WholeNumberWidget())

    class Meta:
        model = Member
        fields = (
            "name",
            "slug",
            "kind",
            "status",
            "is_public",
            "city",
            "address",
            "postal_code",
            "website",
            "email",
            "phone",
            "year_founded",
            "member_since",
            "tagline_pl",
            "tagline_en",
            "description_pl",
            "description_en",
            "services",
        )
        export_order = fields
        import_id_fields = ("slug",)
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = False

    def get_queryset(self):
        services = MemberService.objects.select_related("category")
        return Member.objects.prefetch_related(Prefetch("services", services)).order_by("name")

    def dehydrate_services(self, member):
        return "; ".join(s.category.slug for s in member.services.all())

    def before_import_row(self, row, **kwargs):
        if not (row.get("slug") or "").strip() and (row.get("name") or "").strip():
            # Fold Polish letters first (ł has no decomposition: plain slugify drops it),
            # as the admin's slug field does: "Łódź Film" -> "lodz-film".
            row["slug"] = slugify(fold(row["name"]))

    def after_save_instance(self, instance, row, **kwargs):
        categories = getattr(instance, "service_slugs", None) or []
        for category in categories:
            MemberService.objects.get_or_create(member=instance, category=category)


class LeadResource(SafeExportMixin, resources.ModelResource):
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


class RegistrationResource(SafeExportMixin, resources.ModelResource):
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


class DeliveryResource(SafeExportMixin, resources.ModelResource):
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


class CallParticipationResource(SafeExportMixin, resources.ModelResource):
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


EXPORTS = {
    "members": MemberResource,
    "leads": LeadResource,
    "registrations": RegistrationResource,
    "deliveries": DeliveryResource,
    "calls": CallParticipationResource,
}
