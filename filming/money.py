"""Amounts of money as the two languages write them: "PLN 1,250,000.00" and
"1 250 000,00 zł"; the euro view "€287,356.32" and "287 356,32 €". Always ``Decimal``."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language

CENT = Decimal("0.01")
NBSP = "\u00a0"


def _digits(amount: Decimal, language: str) -> str:
    text = f"{amount.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"
    if language == "pl":
        return text.replace(",", NBSP).replace(".", ",")
    return text


def format_pln(amount: Decimal, language: str | None = None) -> str:
    language = (language or get_language() or "pl")[:2]
    if language == "pl":
        return f"{_digits(amount, language)}{NBSP}zł"
    return f"PLN{NBSP}{_digits(amount, language)}"


def to_eur(amount: Decimal, pln_per_eur: Decimal) -> Decimal:
    return (amount / pln_per_eur).quantize(CENT, rounding=ROUND_HALF_UP)


def format_eur(amount: Decimal, language: str | None = None) -> str:
    language = (language or get_language() or "pl")[:2]
    if language == "pl":
        return f"{_digits(amount, language)}{NBSP}€"
    return f"€{_digits(amount, language)}"
