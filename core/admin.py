"""The admin of the portal's own records: the branding (a single row) and the outbox."""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import branding, emails
from .models import Branding, OutboundEmail


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


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    """The outbox, read only: what was sent to whom, and what failed and why. "Resend"
    queues failed rows again (and sent ones, on purpose); nothing is edited or deleted by
    hand (old rows go by OUTBOX_RETENTION_DAYS)."""

    list_display = ["created_at", "kind", "recipients", "language", "state", "attempts", "sent_at"]
    list_filter = ["state", "kind", "language"]
    search_fields = ["recipients"]
    date_hierarchy = "created_at"
    list_per_page = 50
    show_full_result_count = False
    actions = ["resend"]
    fields = [
        "kind",
        "recipients",
        "language",
        "state",
        "attempts",
        "last_error",
        "created_at",
        "queued_at",
        "sent_at",
        "subject",
        "text_part",
        "html_part",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        # The list shows no message (the change page loads it on first use).
        return super().get_queryset(request).defer("message")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request):
        return request.user.has_perm("core.change_outboundemail")

    @admin.action(description=_("Resend the selected emails"), permissions=["resend"])
    def resend(self, request, queryset):
        count = emails.resend(queryset)
        self.message_user(
            request,
            ngettext("%(count)d email queued again.", "%(count)d emails queued again.", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.display(description=_("text"))
    def text_part(self, obj):
        return format_html('<pre class="outbox-text">{}</pre>', obj.message.get("text", ""))

    @admin.display(description=_("HTML"))
    def html_part(self, obj):
        # Sandboxed (no scripts, no forms, its own origin) and escaped into srcdoc.
        return format_html(
            '<iframe class="outbox-html" sandbox="" title="{}" srcdoc="{}" width="640" height="480"></iframe>',
            _("The email as HTML"),
            obj.message.get("html", ""),
        )
