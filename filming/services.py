"""Writes of the filming area: an estimate kept because the producer asked to have it
emailed, or sent to the cluster as a production inquiry (through the productions area's
own ``inquiry_submit``, so the inquiry is acknowledged and notified like any other)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core.emails import queue_email
from productions import services as production_services
from productions.models import ProductionInquiry

from . import selectors
from .estimator import Estimate, estimate
from .models import RebateEstimate


def estimate_compute(*, kind: str, spend: dict) -> tuple[Estimate, object]:
    """The estimate on today's schemes, and the euro rate to show it at (or None)."""
    today = timezone.localdate()
    return estimate(selectors.schemes_for_estimate(today), kind=kind, spend=spend, on=today), selectors.euro_rate(today)


def _record(*, result: Estimate, rate, language: str, email: str = "", inquiry=None) -> RebateEstimate:
    return RebateEstimate.objects.create(
        kind=result.kind,
        spend={category: str(amount) for category, amount in result.spend.items()},
        total_spend=result.total_spend,
        best_amount=result.best_amount,
        outcomes=[outcome.as_record() for outcome in result.outcomes],
        pln_per_eur=rate.pln_per_eur if rate else None,
        language=language,
        email=email,
        inquiry=inquiry,
    )


def estimate_summary(*, result: Estimate, rate, language: str) -> str:
    """The estimate as plain text, in ``language`` (for an inquiry's message and emails)."""
    with translation.override(language):
        return render_to_string("filming/estimate_summary.txt", {"estimate": result, "rate": rate}, using="text")


def _estimate_url(result: Estimate, language: str) -> str:
    params = {"kind": result.kind, **{f"spend_{c}": str(a) for c, a in result.spend.items() if a}}
    with translation.override(language):
        return f"{settings.SITE_URL}{reverse('filming:estimate')}?{urlencode(params)}#result"


@transaction.atomic
def estimate_email(*, form, language: str) -> RebateEstimate:
    """Keep the estimate with the producer's address (they consented) and email it."""
    result, rate = estimate_compute(kind=form.cleaned_data["kind"], spend=form.spend())
    record = _record(result=result, rate=rate, language=language, email=form.cleaned_data["email"])
    queue_email(
        to=[record.email],
        template="filming/emails/estimate",
        context={
            "summary": estimate_summary(result=result, rate=rate, language=language),
            "estimate": result,
            "estimate_url": _estimate_url(result, language),
        },
        language=language,
    )
    return record


@transaction.atomic
def estimate_send_inquiry(*, form, language: str) -> ProductionInquiry:
    """Send the producer's inquiry to the cluster with the estimate's figures in its
    message and kept as a record the coordinator sees on the inquiry."""
    result, rate = estimate_compute(kind=form.cleaned_data["kind"], spend=form.spend())
    summary = estimate_summary(result=result, rate=rate, language=language)
    message = (form.cleaned_data.get("message") or "").strip()
    form.instance.message = f"{message}\n\n{summary}".strip() if message else summary.strip()
    inquiry = production_services.inquiry_submit(form=form, language=language)
    _record(result=result, rate=rate, language=language, email=inquiry.email, inquiry=inquiry)
    return inquiry
