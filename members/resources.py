"""The members dataset for spreadsheets (core.spreadsheets): the desk's export and
import, and the admin's. Import matches on ``slug`` (made from the name when the column
is empty); ``services`` holds category slugs separated by ``;`` and adds services, never
removes them. A row that changes nothing is skipped, so exporting and importing a file
back leaves every member exactly as it was.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export import fields, widgets

from core.search.text import fold
from core.spreadsheets import SpreadsheetResource

from .models import Member, MemberService, ServiceCategory


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


class MemberResource(SpreadsheetResource):
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
        skip_unchanged = True  # an unchanged row is not saved again (its updated_at stays)

    def get_queryset(self):
        services = MemberService.objects.select_related("category")
        return Member.objects.prefetch_related(Prefetch("services", services)).order_by("name")

    def dehydrate_services(self, member):
        return "; ".join(s.category.slug for s in member.services.all())

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        if not (row.get("slug") or "").strip() and (row.get("name") or "").strip():
            # Fold Polish letters first (ł has no decomposition: plain slugify drops it),
            # as the admin's slug field does: "Łódź Film" -> "lodz-film".
            row["slug"] = slugify(fold(row["name"]))

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # Services are only ever added: a row naming services the member has changes nothing.
        wanted = {category.pk for category in getattr(instance, "service_slugs", None) or []}
        have = set(MemberService.objects.filter(member_id=original.pk).values_list("category_id", flat=True))
        if original.pk is None or not wanted <= have:
            return False
        original.service_slugs = instance.service_slugs
        return super().skip_row(instance, original, row, import_validation_errors=import_validation_errors)

    def after_save_instance(self, instance, row, **kwargs):
        categories = getattr(instance, "service_slugs", None) or []
        for category in categories:
            MemberService.objects.get_or_create(member=instance, category=category)
