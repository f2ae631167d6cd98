"""The list of firms' interest in leads (a proxy of LeadResponse), for the dashboard's
"new lead interests" link; the productions admin keeps editing responses inline."""

from django.contrib import admin

from .models import LeadInterest


@admin.register(LeadInterest)
class LeadInterestAdmin(admin.ModelAdmin):
    list_display = ["created_at", "member", "lead", "status", "channel", "user", "updated_at"]
    list_filter = ["status", "channel", "created_at"]
    search_fields = ["member__name", "lead__title_pl", "lead__title_en", "user__email"]
    list_select_related = ["member", "lead", "user"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    readonly_fields = ["lead", "member", "user", "status", "note", "channel", "created_at", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
