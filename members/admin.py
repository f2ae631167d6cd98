from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin import InvitationListInline, InvitationSendInline, invite_people_to_member
from core.images import thumbnail_url
from core.paginators import EstimatedCountPaginator

from .models import Credit, GalleryImage, Inquiry, Member, MemberService, Resource, ServiceCategory


def _thumbnail(field_file, width=80, height=50):
    url = thumbnail_url(field_file, width, height, crop=True) if field_file else ""
    return format_html('<img src="{}" alt="" width="{}" height="{}">', url, width, height) if url else "—"


def _categories_with_parents():
    # A category's name includes its parent's ("Equipment rental › Lighting"): fetch the
    # parents in the same query wherever categories are listed, or each costs one more.
    return ServiceCategory.objects.select_related("parent")


class ServiceCategoryListFilter(admin.RelatedFieldListFilter):
    def field_choices(self, field, request, model_admin):
        return [(category.pk, str(category)) for category in _categories_with_parents()]


@admin.register(ServiceCategory)
class ServiceCategoryAdmin(TranslationAdmin):
    list_display = ["name", "parent", "slug", "position"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name_pl", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent")  # the autocomplete's labels


class MemberServiceInline(TranslationTabularInline):
    model = MemberService
    extra = 1
    autocomplete_fields = ["category"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member", "category__parent")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "category":
            kwargs["queryset"] = _categories_with_parents()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CreditInline(TranslationTabularInline):
    model = Credit
    extra = 1


class ResourceInline(TranslationTabularInline):
    model = Resource
    extra = 1


class GalleryImageInline(TranslationStackedInline):
    model = GalleryImage
    extra = 1
    fields = ["preview", "image", "caption_pl", "caption_en", "position"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return _thumbnail(obj.image, 160, 100)


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["logo_thumbnail", "name", "city", "kind", "status", "is_public", "updated_at"]
    # At thousands of members: one count per page, estimated for the whole table.
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    list_display_links = ["logo_thumbnail", "name"]
    list_filter = ["status", "is_public", "kind", "city", ("services__category", ServiceCategoryListFilter)]
    search_fields = ["name", "slug", "city", "email", "description_pl", "description_en"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["logo_preview", "created_at", "updated_at"]
    # The team's invitations (accounts owns them): the list, the invite form, the list action.
    inlines = [
        MemberServiceInline,
        ResourceInline,
        CreditInline,
        GalleryImageInline,
        InvitationListInline,
        InvitationSendInline,
    ]
    actions = [invite_people_to_member]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "status", "is_public"]}),
        (_("Profile"), {"fields": ["tagline", "description", "logo_preview", "logo"]}),
        (
            _("Contact"),
            {"fields": ["city", "address", "postal_code", "website", "email", "phone"]},
        ),
        (
            _("On the catalogue's map"),
            {
                "fields": ["latitude", "longitude", "show_on_map"],
                "description": _("Click the map to set the coordinates."),
            },
        ),
        (
            _("Facts"),
            {"fields": ["year_founded", "size_band", "languages", "member_since", "created_at", "updated_at"]},
        ),
    ]

    # The locations admin's map picker (static/locations/admin-map.js), on the firm's position.
    class Media:
        css = {"all": ["locations/vendor/leaflet/leaflet.css", "locations/admin-map.css"]}
        js = ["locations/vendor/leaflet/leaflet.js", "core/map.js", "locations/admin-map.js"]

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

    @admin.display(description=_("logo"))
    def logo_thumbnail(self, obj):
        return _thumbnail(obj.logo)

    @admin.display(description=_("current logo"))
    def logo_preview(self, obj):
        return _thumbnail(obj.logo, 240, 150)


@admin.register(Inquiry)
class InquiryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "name", "email", "company", "source", "language"]
    list_filter = ["source", "language", "created_at"]
    search_fields = ["name", "email", "company", "message", "recipients__name"]
    date_hierarchy = "created_at"
    filter_horizontal = ["recipients"]
    readonly_fields = ["created_at"]
