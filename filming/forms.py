"""The estimate form and the two ways to keep an estimate: emailed to the producer, or
sent to the cluster as a production inquiry with the figures attached.

Amounts are typed as people write them ("250000", "250 000,50", "1,250,000.00", "1.250.000");
anything else is an error next to the field, and the field keeps what was typed.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin
from productions.forms import ProductionInquiryForm
from productions.models import Kind

from .models import SpendCategory

MAX_SPEND = Decimal("10000000000")  # PLN 10 billion per category: more is a typo
_NOISE = re.compile(r"[\s\u00a0\u202f'_]+|(?:pln|zł|zl)$|^(?:pln|zł|zl)", re.IGNORECASE)
_PLAIN = re.compile(r"^\d+(?:[.,]\d{1,2})?$")
_GROUPED = re.compile(r"^\d{1,3}(?P<sep>[.,])\d{3}(?:(?P=sep)\d{3})*(?:(?P<dec>[.,])\d{1,2})?$")


def parse_amount(text: str) -> Decimal:
    """A typed amount as a Decimal; ValueError with a reason code otherwise."""
    value = _NOISE.sub("", text.strip())
    value = _NOISE.sub("", value)
    if value.startswith(("-", "\u2212")):
        raise ValueError("negative")
    if _PLAIN.match(value):
        return Decimal(value.replace(",", "."))
    grouped = _GROUPED.match(value)
    if grouped and grouped.group("dec") != grouped.group("sep"):
        digits = value.replace(grouped.group("sep"), "")
        return Decimal(digits.replace(",", "."))
    raise ValueError("invalid")


class AmountField(forms.Field):
    """An amount in PLN, typed as text so that whatever was typed comes back with its message."""

    default_error_messages = {
        "invalid": _("Enter an amount in złoty using digits, for example 250000 or 250 000,50."),
        "negative": _("The amount cannot be negative."),
        "too_large": _("Enter at most PLN 10,000,000,000 in one category."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "maxlength": 40})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        text = str(value).strip() if value is not None else ""
        if not text:
            return None
        if len(text) > 40:
            raise forms.ValidationError(self.error_messages["too_large"], code="too_large")
        try:
            amount = parse_amount(text)
        except (ValueError, InvalidOperation) as exc:
            code = "negative" if str(exc) == "negative" else "invalid"
            raise forms.ValidationError(self.error_messages[code], code=code) from exc
        if amount > MAX_SPEND:
            raise forms.ValidationError(self.error_messages["too_large"], code="too_large")
        return amount


def spend_field_name(category: str) -> str:
    return f"spend_{category}"


class SpendFieldsMixin:
    """One amount field per spend category, and the rule that at least one is given."""

    spend_required_message = _("Enter the planned local spend in at least one category.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for category in SpendCategory:
            self.fields[spend_field_name(category.value)] = AmountField(label=category.label)

    def spend_fields(self):
        return [self[spend_field_name(category.value)] for category in SpendCategory]

    def clean(self):
        data = super().clean()
        names = [spend_field_name(category.value) for category in SpendCategory]
        if not any(self.has_error(name) for name in names) and not any(data.get(name) for name in names):
            self.add_error(names[0], forms.ValidationError(self.spend_required_message, code="no_spend"))
        return data

    def spend(self) -> dict[str, Decimal]:
        """The figures entered, every category present (0 where left empty)."""
        data = self.cleaned_data
        return {
            category.value: (data.get(spend_field_name(category.value)) or Decimal("0")).quantize(Decimal("0.01"))
            for category in SpendCategory
        }


KIND_CHOICES = [("", _("Choose…")), *Kind.choices]


class EstimateForm(SpendFieldsMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of production"),
        choices=KIND_CHOICES,
        error_messages={
            "required": _("Choose the kind of production."),
            "invalid_choice": _("Choose a kind from the list."),
        },
    )


class EstimateEmailForm(HoneypotMixin, EstimateForm):
    email = forms.EmailField(label=_("Your email address"))
    consent = forms.BooleanField(
        label=_("I agree that the cluster office keeps this estimate and my address to send it to me."),
        error_messages={"required": _("We can only email the estimate with your consent.")},
    )


class EstimateInquiryForm(SpendFieldsMixin, ProductionInquiryForm):
    """The production inquiry of the productions area, with the estimate's figures."""

    class Meta(ProductionInquiryForm.Meta):
        fields = [
            "producer_name",
            "company",
            "country",
            "email",
            "project_title",
            "kind",
            "shooting_start",
            "shooting_end",
            "message",
            "consent",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["services_needed"]
        self.fields["message"].required = False
        self.fields["message"].label = _("Anything else the cluster should know (optional)")
        self.fields["kind"].choices = KIND_CHOICES
        self.fields["kind"].error_messages["required"] = _("Choose the kind of production.")
