"""The coordinator's side of the productions area: leads with interest counts, status
history and responses inline, bulk status changes, publishing through the lead router,
CSV export, the response board with the shortlist, and inquiries turned into leads."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from modeltranslation.admin import TranslationAdmin

from core import spreadsheets
from core.paginators import EstimatedCountPaginator
from locations.models import PUBLIC as PUBLIC_LOCATION
from locations.models import Location
from members.admin import ServiceCategoryListFilter
from members.models import ServiceCategory

from . import selectors, services
from .forms import ShortlistForm
from .models import LeadAlertPreference, LeadResponse, LeadStatusChange, ProductionInquiry, ProductionLead
from .resources import LeadResource


class LeadResponseInline(admin.TabularInline):
    model = LeadResponse
    extra = 0
    fields = ["member", "status", "note", "user", "channel", "updated_at"]
    readonly_fields = ["updated_at"]
    autocomplete_fields: list[str] = []
    raw_id_fields = ["member", "user"]


class LeadStatusChangeInline(admin.TabularInline):
    model = LeadStatusChange
    extra = 0
    fields = ["status", "reached_at", "changed_by"]
    readonly_fields = ["status", "reached_at", "changed_by"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def _status_action(status):
    def action(modeladmin, request, queryset):
        for lead in queryset:
            services.lead_set_status(lead=lead, status=status, user=request.user)
        modeladmin.message_user(request, _("%(count)d leads updated.") % {"count": queryset.count()})

    action.__name__ = f"mark_{status}"
    action.short_description = format_lazy("{}: {}", _("Set status"), ProductionLead.Status(status).label)
    action.allowed_permissions = ("change",)
    return action


class ServicesNeededMixin:
    """A category's name includes its parent's: list the choices of "services needed" with
    their parents in one query, not one more per category."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "services_needed":
            kwargs["queryset"] = ServiceCategory.objects.select_related("parent")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class LeadAdminForm(forms.ModelForm):
    """The lead's locations from the library are kept on the location's side
    (``Location.productions``); the lead's form edits them too."""

    library_locations = forms.ModelMultipleChoiceField(
        label=_("locations from the library"),
        queryset=Location.objects.order_by("name", "id"),
        required=False,
        widget=FilteredSelectMultiple(_("locations"), is_stacked=False),
    )

    class Meta:
        model = ProductionLead
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets and exclude choose

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["library_locations"].initial = list(self.instance.library_locations.all())


def location_links(locations) -> str:
    """Public locations as links to their pages; others (unpublished) by name."""
    public = set(
        Location.objects.filter(PUBLIC_LOCATION, pk__in=[loc.pk for loc in locations]).values_list("pk", flat=True)
    )
    parts = [
        format_html('<a href="{}">{}</a>', loc.get_absolute_url(), loc.name) if loc.pk in public else loc.name
        for loc in locations
    ]
    return format_html_join(", ", "{}", ((part,) for part in parts)) or "–"


@admin.register(ProductionLead)
class ProductionLeadAdmin(ServicesNeededMixin, TranslationAdmin):
    form = LeadAdminForm
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    list_display = [
        "title",
        "status",
        "kind",
        "published_at",
        "shooting_start",
        "shooting_end",
        "interest_count",
        "updated_at",
    ]
    list_filter = [
        "status",
        "kind",
        "visibility",
        ("published_at", admin.EmptyFieldListFilter),
        ("services_needed", ServiceCategoryListFilter),
    ]
    search_fields = ["title_pl", "title_en", "producer_company", "contact_name", "locations"]
    date_hierarchy = "created_at"
    filter_horizontal = ["services_needed"]
    readonly_fields = [
        "published_at",
        "inquiry_link",
        "shortlist_sent_at",
        "shortlist_sent_to",
        "shortlisted_firms",
        "library_location_links",
        "created_by",
    ]
    exclude = ["shortlist_members", "inquiry"]
    inlines = [LeadResponseInline, LeadStatusChangeInline]
    actions = ["publish", "export_csv"] + [_status_action(s) for s in ProductionLead.Status.values]
    change_form_template = "admin/productions/productionlead/change_form.html"

    def get_queryset(self, request):
        return selectors.leads_with_interest_count(super().get_queryset(request))

    @admin.display(description=_("interested firms"), ordering="interest_count")
    def interest_count(self, obj):
        return obj.interest_count

    @admin.display(description=_("from production inquiry"))
    def inquiry_link(self, obj):
        if not obj.inquiry_id:
            return "–"
        url = reverse("admin:productions_productioninquiry_change", args=[obj.inquiry_id])
        return format_html('<a href="{}">{}</a>', url, obj.inquiry)

    @admin.display(description=_("library locations on the site"))
    def library_location_links(self, obj):
        return location_links(list(obj.library_locations.order_by("name", "id"))) if obj.pk else "–"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.library_locations.set(form.cleaned_data["library_locations"])

    @admin.display(description=_("firms on the shortlist"))
    def shortlisted_firms(self, obj):
        return ", ".join(m.name for m in obj.shortlist_members.all()) or "–"

    def save_model(self, request, obj, form, change):
        obj._changed_by = request.user
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish to members and alert matching firms"), permissions=["change"])
    def publish(self, request, queryset):
        """First a page saying how many firms each lead will reach; publish on its confirm."""
        leads = list(queryset.order_by("title", "pk"))
        if request.POST.get("post") != "yes":
            return self.publish_confirm_page(request, leads, from_changelist=True)
        self._publish(request, leads)
        return None

    def _publish(self, request, leads) -> None:
        sent = sum(services.lead_publish(lead=lead, user=request.user) for lead in leads)
        self.message_user(request, _("Published; %(sent)d alert emails queued.") % {"sent": sent})

    def publish_confirm_page(self, request, leads, *, from_changelist: bool):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "previews": [selectors.publish_preview(lead=lead) for lead in leads],
            "from_changelist": from_changelist,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "title": _("Publish to members?"),
        }
        return TemplateResponse(request, "admin/productions/productionlead/publish_confirm.html", context)

    def publish_view(self, request, pk):
        """The lead page's "Publish to members" button: the count of firms, then publish."""
        lead = get_object_or_404(ProductionLead, pk=pk)
        if not self.has_change_permission(request, lead):
            raise PermissionDenied
        if request.method == "POST":
            self._publish(request, [lead])
            return HttpResponseRedirect(reverse("admin:productions_productionlead_change", args=[pk]))
        return self.publish_confirm_page(request, [lead], from_changelist=False)

    @admin.action(description=_("Export to CSV with interested firms"))
    def export_csv(self, request, queryset):
        return spreadsheets.export_response(LeadResource(file_format="csv"), name="production-leads", only=queryset)

    def get_urls(self):
        urls = [
            path(
                "<int:pk>/responses/",
                self.admin_site.admin_view(self.response_board_view),
                name="productions_productionlead_responses",
            ),
            path(
                "<int:pk>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="productions_productionlead_publish",
            ),
            path(
                "<int:pk>/shortlist/",
                self.admin_site.admin_view(require_POST(self.shortlist_view)),
                name="productions_productionlead_shortlist",
            ),
        ]
        return urls + super().get_urls()

    def response_board_view(self, request, pk, form=None):
        lead = get_object_or_404(ProductionLead, pk=pk)
        if not self.has_view_permission(request, lead):
            raise PermissionDenied
        default_to = lead.contact_email or (lead.inquiry.email if lead.inquiry_id else "")
        default_language = lead.inquiry.language if lead.inquiry_id else "en"
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "lead": lead,
            "rows": selectors.response_board(lead=lead),
            "form": form or ShortlistForm(initial={"to": default_to, "language": default_language}),
            "title": _("Responses to %(lead)s") % {"lead": lead.title},
        }
        return TemplateResponse(request, "admin/productions/productionlead/responses.html", context)

    def shortlist_view(self, request, pk):
        lead = get_object_or_404(ProductionLead, pk=pk)
        if not self.has_change_permission(request, lead):
            raise PermissionDenied
        form = ShortlistForm(request.POST)
        if not form.is_valid():
            return self.response_board_view(request, pk, form=form)
        try:
            firms = services.lead_send_shortlist(
                lead=lead, user=request.user, to=form.cleaned_data["to"], language=form.cleaned_data["language"]
            )
        except services.NoShortlist as exc:
            self.message_user(request, str(exc), level=messages.ERROR)
        else:
            self.message_user(request, _("Shortlist of %(count)d firms sent.") % {"count": len(firms)})
        return HttpResponseRedirect(reverse("admin:productions_productionlead_responses", args=[pk]))


@admin.register(ProductionInquiry)
class ProductionInquiryAdmin(ServicesNeededMixin, admin.ModelAdmin):
    list_display = ["project_title", "company", "country", "kind", "shooting_start", "created_at", "lead_link"]
    list_filter = ["kind", "language", "created_at"]
    search_fields = ["project_title", "company", "producer_name", "email"]
    readonly_fields = ["created_at", "language", "lead_link", "library_location_links"]
    filter_horizontal = ["services_needed", "library_locations"]
    actions = ["convert_to_lead"]
    change_form_template = "admin/productions/productioninquiry/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("lead")

    def get_urls(self):
        urls = [
            path(
                "<int:pk>/convert/",
                self.admin_site.admin_view(require_POST(self.convert_view)),
                name="productions_productioninquiry_convert",
            ),
        ]
        return urls + super().get_urls()

    def convert_view(self, request, pk):
        """The inquiry page's own "Convert to draft lead" button (the changelist action
        does the same for several)."""
        inquiry = get_object_or_404(ProductionInquiry, pk=pk)
        if not (self.has_view_or_change_permission(request, inquiry) and self.has_add_lead_permission(request)):
            raise PermissionDenied
        existed = hasattr(inquiry, "lead")
        lead = services.inquiry_convert_to_lead(inquiry=inquiry, user=request.user)
        self.message_user(request, _("This inquiry already has a lead.") if existed else _("Draft lead created."))
        return HttpResponseRedirect(reverse("admin:productions_productionlead_change", args=[lead.pk]))

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["can_convert"] = obj is not None and self.has_add_lead_permission(request)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    @admin.display(description=_("production lead"))
    def lead_link(self, obj):
        lead = getattr(obj, "lead", None)
        if lead is None:
            return "–"
        url = reverse("admin:productions_productionlead_change", args=[lead.pk])
        return format_html('<a href="{}">{}</a>', url, lead.title)

    @admin.display(description=_("library locations on the site"))
    def library_location_links(self, obj):
        return location_links(list(obj.library_locations.order_by("name", "id"))) if obj.pk else "–"

    def has_add_lead_permission(self, request):
        return request.user.has_perm("productions.add_productionlead")

    @admin.action(description=_("Convert to draft lead"), permissions=["add_lead"])
    def convert_to_lead(self, request, queryset):
        leads = [services.inquiry_convert_to_lead(inquiry=i, user=request.user) for i in queryset]
        if len(leads) == 1:
            self.message_user(request, _("Draft lead created."))
            return HttpResponseRedirect(reverse("admin:productions_productionlead_change", args=[leads[0].pk]))
        self.message_user(request, _("%(count)d draft leads created.") % {"count": len(leads)})
        return None


@admin.register(LeadAlertPreference)
class LeadAlertPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "instant_lead_alerts"]
    list_filter = ["instant_lead_alerts"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
