"""The coordinator's side of filming: guide pages (Markdown, pictures, order), incentive
schemes with their minimum spend per kind, the euro rate, and the estimates producers
kept. An estimate sent as a production inquiry is also shown on that inquiry's page in
the productions admin (``RebateEstimateInline``), figures and all."""

from decimal import Decimal

from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from productions.admin import ProductionInquiryAdmin

from .models import EuroRate, GuideImage, GuidePage, IncentiveScheme, RebateEstimate, SchemeThreshold, SpendCategory
from .money import format_pln


class GuideImageInline(TranslationTabularInline):
    model = GuideImage
    extra = 1
    fields = ["image", "caption", "position"]


@admin.register(GuidePage)
class GuidePageAdmin(TranslationAdmin):
    list_display = ["title", "topic", "position", "is_published", "is_sample", "updated_at"]
    list_editable = ["position", "is_published"]
    list_filter = ["topic", "is_published", "is_sample"]
    search_fields = ["title_pl", "title_en", "summary_pl", "summary_en", "slug"]
    prepopulated_fields = {"slug": ("title_en",)}
    readonly_fields = ["rendered_body", "updated_at"]
    inlines = [GuideImageInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "topic", "position", "is_published", "is_sample"]}),
        (_("Text"), {"fields": ["summary", "body", "rendered_body"]}),
        (_("Lead image"), {"fields": ["image", "image_alt"]}),
        (_("History"), {"fields": ["updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("as the site shows it"))
    def rendered_body(self, obj):
        # body_html is nh3-sanitised on save (filming/rendering.py)
        return mark_safe(obj.body_html or "–")  # noqa: S308


class SchemeThresholdInline(admin.TabularInline):
    model = SchemeThreshold
    extra = 1


@admin.register(IncentiveScheme)
class IncentiveSchemeAdmin(TranslationAdmin):
    list_display = ["name", "rate_percent", "valid_from", "valid_until", "last_checked", "is_published", "is_sample"]
    list_filter = ["is_published", "is_sample", "requires_local_service_company"]
    search_fields = ["name_pl", "name_en", "authority_pl", "authority_en", "slug"]
    prepopulated_fields = {"slug": ("name_en",)}
    filter_horizontal = ["service_company_services"]
    inlines = [SchemeThresholdInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "authority", "summary", "url", "position", "is_published", "is_sample"]}),
        (
            _("What it pays"),
            {"fields": ["rate_percent", "eligible_spend", "cap_per_project", "cap_per_applicant"]},
        ),
        (_("Local service company"), {"fields": ["requires_local_service_company", "service_company_services"]}),
        (_("Validity and source"), {"fields": ["valid_from", "valid_until", "last_checked", "source"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "eligible_spend":
            return forms.TypedMultipleChoiceField(
                label=db_field.verbose_name,
                choices=SpendCategory.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(EuroRate)
class EuroRateAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "pln_per_eur", "source"]


def _figures_table(estimate: RebateEstimate):
    spend = format_html_join(
        "",
        "<tr><th scope='row'>{}</th><td>{}</td></tr>",
        (
            (SpendCategory(category).label, format_pln(Decimal(amount)))
            for category, amount in estimate.spend.items()
            if category in SpendCategory.values and amount not in ("0", "0.00")
        ),
    )
    outcomes = format_html_join(
        "",
        "<tr><th scope='row'><a href='{}' rel='noopener'>{}</a></th><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                outcome.get("url", ""),
                outcome.get("scheme", ""),
                _("may qualify") if outcome.get("qualifies") else _("does not qualify yet"),
                format_pln(Decimal(outcome.get("amount") or "0")),
                " ".join([outcome.get("rule", ""), *outcome.get("missing", [])]),
            )
            for outcome in estimate.outcomes
        ),
    )
    return format_html(
        "<table><tbody>{}<tr><th scope='row'>{}</th><td>{}</td></tr></tbody></table>"
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
        spend,
        _("Total local spend"),
        format_pln(estimate.total_spend),
        _("Scheme"),
        _("Outcome"),
        _("Estimated amount"),
        _("Rule"),
        outcomes,
    )


class RebateEstimateDisplay:
    @admin.display(description=_("figures"))
    def figures(self, obj):
        return _figures_table(obj) if obj and obj.pk else "–"


@admin.register(RebateEstimate)
class RebateEstimateAdmin(RebateEstimateDisplay, admin.ModelAdmin):
    list_display = ["created_at", "kind", "total_spend", "best_amount", "email", "inquiry"]
    list_filter = ["kind", "language", "created_at"]
    search_fields = ["email", "inquiry__project_title", "inquiry__company"]
    list_select_related = ["inquiry"]
    fields = ["created_at", "kind", "language", "email", "inquiry", "pln_per_eur", "figures"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RebateEstimateInline(RebateEstimateDisplay, admin.StackedInline):
    model = RebateEstimate
    fk_name = "inquiry"
    extra = 0
    can_delete = False
    verbose_name = _("rebate estimate attached")
    verbose_name_plural = _("rebate estimates attached")
    fields = ["created_at", "kind", "pln_per_eur", "figures"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# The figures of an estimate sent as an inquiry belong on the inquiry's own admin page;
# productions does not know this app, so the inline is added from here.
if RebateEstimateInline not in ProductionInquiryAdmin.inlines:
    ProductionInquiryAdmin.inlines = [*ProductionInquiryAdmin.inlines, RebateEstimateInline]
