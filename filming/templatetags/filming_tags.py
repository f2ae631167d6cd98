"""Money in the page's language: ``{{ amount|pln }}``, ``{{ amount|eur:rate }}``."""

from decimal import Decimal

from django import template

from ..money import format_eur, format_pln, to_eur

register = template.Library()


@register.filter
def pln(amount) -> str:
    if amount in (None, ""):
        return ""
    return format_pln(Decimal(amount))


@register.filter
def eur(amount, rate) -> str:
    """The euro view of a PLN amount at ``rate`` (an EuroRate); empty without a rate."""
    if amount in (None, "") or rate is None:
        return ""
    return format_eur(to_eur(Decimal(amount), rate.pln_per_eur))
