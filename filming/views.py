"""The public filming pages: the guide, the incentives, and the rebate estimate with its
two follow-ups (email it to me, send it to the cluster)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.public_forms import PublicForm, honeypot_filled
from members.shortlist import shortlist_slugs

from . import selectors, services
from .forms import EstimateEmailForm, EstimateForm, EstimateInquiryForm, spend_field_name
from .models import GuidePage, SpendCategory


class GuideIndexView(TemplateView):
    template_name = "filming/guide_index.html"

    def get_context_data(self, **kwargs):
        pages = list(selectors.guide_pages())
        topics = [(label, [page for page in pages if page.topic == value]) for value, label in GuidePage.Topic.choices]
        schemes = [scheme for scheme in selectors.public_schemes() if scheme.is_open()]
        return super().get_context_data(topics=[t for t in topics if t[1]], schemes=schemes, **kwargs)


class GuidePageView(TemplateView):
    template_name = "filming/guide_page.html"

    def get_context_data(self, **kwargs):
        try:
            page = selectors.guide_page(self.kwargs["slug"])
        except GuidePage.DoesNotExist as exc:
            raise Http404 from exc
        others = [other for other in selectors.guide_pages() if other.pk != page.pk]
        return super().get_context_data(page=page, others=others, **kwargs)


class IncentiveListView(TemplateView):
    template_name = "filming/incentive_list.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        schemes = list(selectors.public_schemes())
        return super().get_context_data(
            open_schemes=[s for s in schemes if s.is_open(today)],
            closed_schemes=[s for s in schemes if not s.is_open(today)],
            rate=selectors.euro_rate(today),
            **kwargs,
        )


def _figures(form) -> dict[str, str]:
    """The estimate's inputs as query parameters (to show the same result again)."""
    spend = form.spend()
    params = {"kind": form.cleaned_data["kind"]}
    params.update({spend_field_name(c): str(a) for c, a in spend.items() if a})
    return params


class EstimateView(TemplateView):
    """GET: the form, and with figures the result below it (a link keeps the estimate)."""

    template_name = "filming/estimate.html"

    def estimate_form(self):
        if "kind" in self.request.GET or any(key.startswith("spend_") for key in self.request.GET):
            return EstimateForm(self.request.GET)
        return EstimateForm()

    def get_context_data(self, *, form=None, email_form=None, inquiry_form=None, **kwargs):
        form = form or self.estimate_form()
        context = {"form": form, "categories": SpendCategory.choices}
        members, suggested = selectors.shortlist_spend_categories(shortlist_slugs(self.request))
        context.update(shortlist_members=members, suggested_categories=suggested)
        if form.is_bound and form.is_valid():
            result, rate = services.estimate_compute(kind=form.cleaned_data["kind"], spend=form.spend())
            figures = _figures(form)
            context.update(
                estimate=result,
                rate=rate,
                figures=figures,
                figures_query=urlencode(figures),
                companies=selectors.service_companies([o.scheme for o in result.outcomes if o.minimum is not None]),
                email_form=email_form or EstimateEmailForm(initial=figures, auto_id="email-%s"),
                inquiry_form=inquiry_form or EstimateInquiryForm(initial=figures, auto_id="inquiry-%s"),
            )
        return super().get_context_data(**context, **kwargs)


class _EstimateFollowUpView(EstimateView):
    """POST of one of the result's forms, through the public-form pipeline
    (``core.public_forms``); an invalid one shows the result again with its messages."""

    http_method_names = ["post"]
    form_class = None
    public_form: PublicForm = None
    form_context_name = ""

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST, auto_id=f"{self.form_context_name.split('_')[0]}-%s")

        def succeeded():
            if honeypot_filled(form) or not form.is_valid():
                return redirect("filming:estimate")  # a bot learns nothing
            return self.done(form)

        def invalid(form, status):
            context = self.get_context_data(form=EstimateForm(request.POST), **{self.form_context_name: form})
            return self.render_to_response(context, status=status)

        return self.public_form.handle(request, form, submit=self.act, succeeded=succeeded, invalid=invalid)


def _identity(data) -> list:
    spend = {key: str(value) for key, value in data.items() if key.startswith("spend_") and value}
    return [data["email"], data["kind"], spend]


class EstimateEmailView(_EstimateFollowUpView):
    form_class = EstimateEmailForm
    public_form = PublicForm(scope="filming-estimate-email", fingerprint=_identity, window=30 * 60)
    form_context_name = "email_form"

    def act(self, form):
        services.estimate_email(form=form, language=translation.get_language())

    def done(self, form):
        messages.success(
            self.request, _("The estimate is on its way to %(email)s.") % {"email": form.cleaned_data["email"]}
        )
        return HttpResponseRedirect(f"{reverse('filming:estimate')}?{urlencode(_figures(form))}#result")


class EstimateInquiryView(_EstimateFollowUpView):
    form_class = EstimateInquiryForm
    public_form = PublicForm(
        scope="filming-estimate-inquiry",
        fingerprint=lambda data: [*_identity(data), data["project_title"]],
        window=30 * 60,
    )
    form_context_name = "inquiry_form"

    def act(self, form):
        services.estimate_send_inquiry(form=form, language=translation.get_language())

    def done(self, form):
        return redirect("filming:inquiry_sent")


class EstimateInquirySentView(TemplateView):
    template_name = "filming/inquiry_sent.html"
