"""The admin of the portal's own records: the branding (a single row)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import branding
from .models import Branding


@admin.register(Branding)
class BrandingAdmin(admin.ModelAdmin):
    """One record: "add" only while there is none, never deleted (empty fields fall back)."""

    fieldsets = [
        (_("Name"), {"fields": ["name_pl", "name_en"]}),
        (_("About the cluster"), {"fields": ["about_pl", "about_en", "description_pl", "description_en", "address"]}),
        (_("Colours and logo"), {"fields": ["primary_colour", "primary_contrast_colour", "accent_colour", "logo"]}),
    ]

    def has_add_permission(self, request):
        # From the cached branding: the admin asks on every page that lists the apps.
        return super().has_add_permission(request) and not branding.current().exists

    def has_delete_permission(self, request, obj=None):
        return False
