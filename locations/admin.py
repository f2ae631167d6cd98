from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.images import thumbnail_url

from .models import Location, LocationCategory, LocationInquiry, LocationPhoto
from .resources import LocationResource
from .services import location_refresh_search, photo_prepare


def _thumbnail(field_file, width=80, height=50):
    url = thumbnail_url(field_file, width, height, crop=True) if field_file else ""
    return format_html('<img src="{}" alt="" width="{}" height="{}">', url, width, height) if url else "—"


@admin.register(LocationCategory)
class LocationCategoryAdmin(TranslationAdmin):
    list_display = ["name", "parent", "slug", "position"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name_pl", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    list_select_related = ["parent"]


class LocationPhotoInline(TranslationTabularInline):
    model = LocationPhoto
    extra = 1
    fields = ["preview", "image", "alt_text", "position"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, photo):
        return _thumbnail(photo.image)


@admin.register(Location)
class LocationAdmin(ImportExportMixin, TranslationAdmin):
    resource_classes = [LocationResource]
    list_display = ["picture", "name", "municipality", "setting", "manager", "is_published", "updated_at"]
    list_display_links = ["picture", "name"]
    list_filter = ["is_published", "setting", "categories", "municipality"]
    search_fields = ["name_pl", "name_en", "municipality", "slug"]
    prepopulated_fields = {"slug": ["name_pl"]}
    autocomplete_fields = ["manager"]
    filter_horizontal = ["categories", "productions"]
    inlines = [LocationPhotoInline]
    list_select_related = ["manager"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "description", "categories", "setting", "manager", "is_published"]}),
        (
            _("Where"),
            {
                "fields": ["municipality", "region", "latitude", "longitude", "show_exact_position"],
                "description": _("Click the map to set the coordinates."),
            },
        ),
        (_("For members only"), {"fields": ["address", "contact_name", "contact_email", "contact_phone"]}),
        (_("Facts for the production"), {"fields": ["access_notes", "permits", "seasonal_notes", "productions"]}),
    ]

    class Media:
        css = {"all": ["locations/vendor/leaflet/leaflet.css", "locations/admin-map.css"]}
        js = ["locations/vendor/leaflet/leaflet.js", "core/map.js", "locations/admin-map.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("photos")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "latitude":  # the map picker's settings travel on its field
            field.widget.attrs.update(
                {
                    "data-map-tiles": settings.LOCATIONS_MAP_TILES_URL,
                    "data-map-attribution": settings.LOCATIONS_MAP_ATTRIBUTION,
                    "data-map-outline": static("locations/malopolska.geojson"),
                }
            )
        return field

    @admin.display(description=_("photo"))
    def picture(self, location):
        photos = list(location.photos.all())
        return _thumbnail(photos[0].image) if photos else "—"

    def save_formset(self, request, form, formset, change):
        if formset.model is LocationPhoto:
            for photo_form in formset.forms:
                if photo_form.has_changed() and not photo_form.cleaned_data.get("DELETE"):
                    photo_prepare(photo_form.instance)
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        location_refresh_search(location_id=form.instance.pk)


@admin.register(LocationInquiry)
class LocationInquiryAdmin(admin.ModelAdmin):
    list_display = ["inquiry", "location"]
    list_select_related = ["inquiry", "location"]
    raw_id_fields = ["inquiry", "location"]
