"""The coordinator's side of the cooperation area: requests and what was hidden, the
members' reports, the firms' marks on calls and tenders with a board per call (the
outcomes the coordinator reports on), the reminder log, and the teams on leads with
the joint offer to the producer.

Hiding a post or a reply with a reason is done on the request's page itself, where the
coordinator sees it in its thread; the admin lists what is hidden and can show it again.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from news.models import Post
from productions.models import ProductionLead

from . import selectors, services
from .forms import JointOfferForm
from .models import (
    CallParticipation,
    CallReminder,
    CooperationPreference,
    CooperationRequest,
    LeadTeamOptIn,
    RequestAnswer,
    RequestMessage,
    RequestReport,
)


class HiddenFilter(admin.SimpleListFilter):
    title = _("hidden")
    parameter_name = "hidden"

    def lookups(self, request, model_admin):
        return [("1", _("Hidden")), ("0", _("Shown"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(hidden_at__isnull=False)
        if self.value() == "0":
            return queryset.filter(hidden_at__isnull=True)
        return queryset


class ModeratedAdmin(admin.ModelAdmin):
    readonly_fields = ["hidden_at", "hidden_reason", "moderated_by"]
    actions = ["show_again"]

    @admin.display(description=_("hidden"), boolean=True)
    def hidden(self, obj):
        return obj.is_hidden

    @admin.action(description=_("Show again"), permissions=["change"])
    def show_again(self, request, queryset):
        for obj in queryset.filter(hidden_at__isnull=False):
            services.restore(obj=obj, user=request.user)
        self.message_user(request, _("Shown again."))

    @admin.display(description=_("page"))
    def page_link(self, obj):
        request = obj if isinstance(obj, CooperationRequest) else obj.request
        return format_html('<a href="{}">{}</a>', request.get_absolute_url(), _("open on the site"))


@admin.register(CooperationRequest)
class CooperationRequestAdmin(ModeratedAdmin, TranslationAdmin):
    list_display = ["title", "member", "kind", "status", "created_at", "hidden", "page_link"]
    list_filter = ["kind", "status", HiddenFilter, "created_at"]
    search_fields = ["title_pl", "title_en", "member__name"]
    list_select_related = ["member"]
    raw_id_fields = ["member", "posted_by", "call", "lead"]
    filter_horizontal = ["services"]
    readonly_fields = [*ModeratedAdmin.readonly_fields, "matched_members", "closed_at", "created_at"]
    date_hierarchy = "created_at"


@admin.register(RequestAnswer)
class RequestAnswerAdmin(ModeratedAdmin):
    list_display = ["request", "member", "created_at", "hidden", "page_link"]
    list_filter = [HiddenFilter]
    search_fields = ["member__name", "note"]
    list_select_related = ["request", "member"]
    raw_id_fields = ["request", "member", "posted_by"]


@admin.register(RequestMessage)
class RequestMessageAdmin(ModeratedAdmin):
    list_display = ["request", "member", "from_office", "created_at", "hidden", "page_link"]
    list_filter = [HiddenFilter, "from_office"]
    search_fields = ["body", "member__name"]
    list_select_related = ["request", "member"]
    raw_id_fields = ["request", "parent", "member", "written_by"]


@admin.register(RequestReport)
class RequestReportAdmin(admin.ModelAdmin):
    list_display = ["request", "reason", "reported_by", "created_at", "resolved", "page_link"]
    list_filter = ["resolved"]
    list_select_related = ["request", "reported_by"]
    readonly_fields = ["request", "reported_by", "reason", "created_at"]
    actions = ["mark_resolved"]

    @admin.display(description=_("page"))
    def page_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.request.get_absolute_url(), _("open on the site"))

    @admin.action(description=_("Mark as dealt with"), permissions=["change"])
    def mark_resolved(self, request, queryset):
        count = queryset.update(resolved=True)
        self.message_user(request, _("%(count)d reports marked as dealt with.") % {"count": count})

    def has_add_permission(self, request):
        return False


@admin.register(CallParticipation)
class CallParticipationAdmin(admin.ModelAdmin):
    list_display = ["member", "call", "status", "seeks_partners", "updated_at", "board_link"]
    list_filter = ["status", "seeks_partners", ("call", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["member__name", "call__title_pl", "call__title_en"]
    list_select_related = ["member", "call"]
    raw_id_fields = ["member", "call", "updated_by"]
    readonly_fields = ["updated_by", "created_at", "updated_at"]

    @admin.display(description=_("board of the call"))
    def board_link(self, obj):
        url = reverse("admin:cooperation_callparticipation_board", args=[obj.call_id])
        return format_html('<a href="{}">{}</a>', url, _("board"))

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path(
                "call/<int:call_id>/",
                self.admin_site.admin_view(self.board_view),
                name="cooperation_callparticipation_board",
            ),
            path("calls/", self.admin_site.admin_view(self.calls_view), name="cooperation_callparticipation_calls"),
            *super().get_urls(),
        ]

    def calls_view(self, request):
        """Every call and tender with how many firms stand where: the outcomes."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        counts = {
            status: Count("participations", filter=Q(participations__status=status))
            for status in CallParticipation.Status.values
        }
        calls = Post.objects.calls().annotate(**counts).order_by("-deadline")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Calls and tenders: where the firms stand"),
            "calls": calls,
            "statuses": CallParticipation.Status.choices,
        }
        return TemplateResponse(request, "admin/cooperation/calls.html", context)

    def board_view(self, request, call_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        call = get_object_or_404(Post.objects.calls(), pk=call_id)
        rows = selectors.call_board(call)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Firms on %(call)s") % {"call": call.title},
            "call": call,
            "rows": rows,
            "requests": call.cooperation_requests.select_related("member").prefetch_related("matched_members"),
        }
        return TemplateResponse(request, "admin/cooperation/call_board.html", context)


@admin.register(CallReminder)
class CallReminderAdmin(admin.ModelAdmin):
    list_display = ["call", "member", "kind", "deadline", "recipients", "sent_at"]
    list_filter = ["kind"]
    list_select_related = ["call", "member"]
    search_fields = ["member__name", "call__title_pl", "call__title_en"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LeadTeamOptIn)
class LeadTeamOptInAdmin(admin.ModelAdmin):
    list_display = ["lead", "member", "user", "created_at", "offer_link"]
    list_filter = [("lead", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["lead", "member", "user"]
    raw_id_fields = ["lead", "member", "user"]

    @admin.display(description=_("joint offer"))
    def offer_link(self, obj):
        url = reverse("admin:cooperation_leadteamoptin_offer", args=[obj.lead_id])
        return format_html('<a href="{}">{}</a>', url, _("team and joint offer"))

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        return [
            path(
                "lead/<int:lead_id>/",
                self.admin_site.admin_view(self.offer_view),
                name="cooperation_leadteamoptin_offer",
            ),
            *super().get_urls(),
        ]

    def offer_view(self, request, lead_id):
        lead = get_object_or_404(ProductionLead, pk=lead_id)
        if not self.has_view_permission(request):
            raise PermissionDenied
        default_to = lead.contact_email or (lead.inquiry.email if lead.inquiry_id else "")
        default_language = lead.inquiry.language if lead.inquiry_id else "en"
        form = JointOfferForm(initial={"to": default_to, "language": default_language})
        if request.method == "POST":
            if not request.user.has_perm("productions.change_productionlead"):
                raise PermissionDenied
            form = JointOfferForm(request.POST)
            if form.is_valid():
                try:
                    firms = services.team_send_offer(lead=lead, user=request.user, **form.cleaned_data)
                except services.NoTeam as exc:
                    self.message_user(request, str(exc), level=messages.ERROR)
                else:
                    names = ", ".join(f.name for f in firms)
                    self.message_user(request, _("Joint offer of %(firms)s sent.") % {"firms": names})
                    return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Team on %(lead)s") % {"lead": lead.title},
            "lead": lead,
            "team": selectors.lead_team(lead),
            "form": form,
        }
        return TemplateResponse(request, "admin/cooperation/joint_offer.html", context)


@admin.register(CooperationPreference)
class CooperationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "instant_request_alerts", "reply_notifications", "call_reminders"]
    list_filter = ["instant_request_alerts", "reply_notifications", "call_reminders"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
