"""The locations' spreadsheet: export, and the bulk import the coordinator loads an
existing list with (the admin's import shows a preview and every bad row, and saves
nothing until confirmed).

Rows are matched on ``slug`` (made from the Polish name when empty); ``categories``
holds category slugs separated by ``;``, ``manager`` a member's slug (empty: the
cluster office). Text cells that a spreadsheet would run as a formula are neutralised
on export.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from core.spreadsheets import csv_safe
from members.models import Member

from .forms import REGION_BOUNDS, unique_slug
from .models import Location, LocationCategory


class CategorySlugsWidget(widgets.Widget):
    """``"castle; river"`` → the categories with those slugs. Checked with the row's other
    cells, so an unknown slug is reported on its row like any bad cell; the resource
    sets them once the row is saved."""

    def clean(self, value, row=None, **kwargs):
        slugs = [part.strip() for part in str(value or "").replace(",", ";").split(";") if part.strip()]
        found = {c.slug: c for c in LocationCategory.objects.filter(slug__in=slugs)}
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            raise ValueError(_("Unknown category: %(slugs)s.") % {"slugs": ", ".join(unknown)})
        return [found[slug] for slug in slugs]

    def render(self, value, obj=None, **kwargs):
        return "; ".join(c.slug for c in value or [])


class MemberSlugWidget(widgets.ForeignKeyWidget):
    def __init__(self):
        super().__init__(Member, field="slug")

    def clean(self, value, row=None, **kwargs):
        slug = str(value or "").strip()
        if not slug:
            return None
        member = Member.objects.filter(slug=slug).first()
        if member is None:
            raise ValueError(_("Unknown member: %(slug)s.") % {"slug": slug})
        return member


class CoordinateWidget(widgets.DecimalWidget):
    def __init__(self, name: str):
        super().__init__()
        self.name = name

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise ValueError(_("Enter a number in degrees, e.g. 50.061, not “%(value)s”.") % {"value": text}) from None
        low, high = REGION_BOUNDS[self.name]
        if not low <= number <= high:
            raise ValueError(_("%(value)s is outside the region.") % {"value": text})
        return super().clean(text, row, **kwargs)


class LocationResource(resources.ModelResource):
    categories = fields.Field(attribute="category_list", column_name="categories", widget=CategorySlugsWidget())
    manager = fields.Field(attribute="manager", column_name="manager", widget=MemberSlugWidget())
    latitude = fields.Field(attribute="latitude", column_name="latitude", widget=CoordinateWidget("latitude"))
    longitude = fields.Field(attribute="longitude", column_name="longitude", widget=CoordinateWidget("longitude"))

    class Meta:
        model = Location
        import_id_fields = ("slug",)
        fields = (
            "slug", "name_pl", "name_en", "description_pl", "description_en", "categories", "setting",
            "municipality", "region", "latitude", "longitude", "show_exact_position", "address",
            "contact_name", "contact_email", "contact_phone", "access_notes_pl", "access_notes_en",
            "permits_pl", "permits_en", "seasonal_notes_pl", "seasonal_notes_en", "manager", "is_published",
        )  # fmt: skip
        export_order = fields
        skip_unchanged = True
        report_skipped = True

    def before_import_row(self, row, **kwargs):
        if not str(row.get("slug") or "").strip():
            row["slug"] = unique_slug(str(row.get("name_pl") or row.get("name_en") or ""))
        if not str(row.get("setting") or "").strip():
            row["setting"] = Location.Setting.OUTDOOR
        if not str(row.get("region") or "").strip():
            row["region"] = "Małopolska"

    def dehydrate_categories(self, location):
        return "; ".join(category.slug for category in location.categories.all())

    def after_save_instance(self, instance, row, **kwargs):
        if getattr(instance, "category_list", None) is not None:
            instance.categories.set(instance.category_list)

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return csv_safe(value) if isinstance(value, str) else value
