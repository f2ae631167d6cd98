from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.emails import queue_email

from .forms import DigestPreviewForm
from .models import DigestDelivery, DigestPreference, Frequency, SectionKey
from .preview import TEMPLATE, digest_now
from .selectors import preference_for
from .services import batch_size, chunk, resend_failed
from .tasks import queue_batches


class DigestPreferenceAdminForm(forms.ModelForm):
    sections = forms.MultipleChoiceField(
        label=_("sections"), choices=SectionKey.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = DigestPreference
        fields = ["user", "frequency", "sections"]


@admin.register(DigestPreference)
class DigestPreferenceAdmin(admin.ModelAdmin):
    form = DigestPreferenceAdminForm
    list_display = ["user", "frequency", "sections", "updated_at"]
    list_filter = ["frequency"]
    search_fields = ["user__email", "user__name"]
    raw_id_fields = ["user"]


class PeriodListFilter(admin.SimpleListFilter):
    """The periods that have deliveries, newest first (e.g. "weekly 2026-11-16")."""

    title = _("period")
    parameter_name = "period"

    def lookups(self, request, model_admin):
        periods = (
            DigestDelivery.objects.values_list("frequency", "period_start")
            .distinct()
            .order_by("-period_start", "frequency")[:30]
        )
        return [
            (f"{frequency}:{start.isoformat()}", f"{Frequency(frequency).label} · {start:%Y-%m-%d}")
            for frequency, start in periods
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        frequency, _sep, start = self.value().partition(":")
        return queryset.filter(frequency=frequency, period_start=start)


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(admin.ModelAdmin):
    list_display = ["user", "frequency", "period_start", "state", "attempts", "sent_at", "subject", "short_error"]
    list_filter = [PeriodListFilter, "state", "frequency"]
    search_fields = ["user__email", "user__name", "subject", "message_id"]  # a bounce names the Message-ID
    list_select_related = ["user"]
    date_hierarchy = "period_start"
    actions = ["resend"]
    readonly_fields = [field.name for field in DigestDelivery._meta.fields if field.name != "summary"] + ["contents"]
    change_list_template = "admin/digests/digestdelivery/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("contents"))
    def contents(self, obj):
        """What the digest held, section by section (leads matching the firm marked ★)."""
        if not obj.summary:
            return "–"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li><strong>{}</strong> ({}): {}</li>",
                (
                    (
                        SectionKey(key).label if key in SectionKey.values else key,
                        part.get("count", 0),
                        "; ".join(
                            f"★ {title}" if title in part.get("matching", []) else title
                            for title in part.get("titles", [])
                        ),
                    )
                    for key, part in obj.summary.items()
                ),
            ),
        )

    @admin.display(description=_("last error"))
    def short_error(self, obj):
        return obj.last_error[:80]

    @admin.action(description=_("Send the selected failed deliveries again"), permissions=["view"])
    def resend(self, request, queryset):
        ids = resend_failed(deliveries=list(queryset.filter(state=DigestDelivery.State.FAILED)))
        queue_batches(chunk(ids, batch_size()))
        self.message_user(
            request,
            ngettext("%(count)d failed delivery queued again.", "%(count)d failed deliveries queued again.", len(ids))
            % {"count": len(ids)},
        )

    def get_urls(self):
        own = [
            path("preview/", self.admin_site.admin_view(self.preview_view), name="digests_digestdelivery_preview"),
            path(
                "send-test/",
                self.admin_site.admin_view(require_POST(self.send_test_view)),
                name="digests_digestdelivery_send_test",
            ),
        ]
        return own + super().get_urls()

    def preview_view(self, request):
        """The digest any user would get now, as text and as the HTML email."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = DigestPreviewForm(request.GET if "email" in request.GET else None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Digest preview"),
            "form": form,
            "digest": None,
            "selected": None,
        }
        if form.is_bound and form.is_valid():
            user = form.user
            frequency = form.cleaned_data["frequency"] or preference_for(user).frequency
            context.update(selected=user, digest=digest_now(user=user, frequency=frequency))
        return TemplateResponse(request, "admin/digests/digestdelivery/preview.html", context)

    def send_test_view(self, request):
        """Mail the coordinator their own digest now (through Celery, no delivery row)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        user = request.user
        digest = digest_now(user=user, frequency=preference_for(user).frequency, ignore_previous=True)
        if digest is None:
            self.message_user(request, _("There is nothing to put in a digest right now."), messages.WARNING)
        else:
            queue_email(
                to=[user.email],
                template=TEMPLATE,
                context=digest["context"],
                language=digest["language"],
                headers=digest["message"]["headers"],
            )
            self.message_user(request, _("A test digest is on its way to %(email)s.") % {"email": user.email})
        return redirect(reverse("admin:digests_digestdelivery_changelist"))
