"""Checks that are the same on every form that asks for the value (public forms, the
member's editor and the admin): Polish NIP and REGON with their checksums, the year of a
credit, a shoot that ends on or after it starts. Models call them from
``clean()``, which every ModelForm (the admin's included) runs."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 1900
NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
REGON_WEIGHTS = {9: (8, 9, 2, 3, 4, 5, 6, 7), 14: (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)}


def _digits(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "").upper().removeprefix("PL")


def validate_nip(value: str) -> None:
    """A Polish tax number: 10 digits (dashes, spaces and a "PL" prefix allowed)."""
    digits = _digits(value)
    if not re.fullmatch(r"\d{10}", digits):
        raise ValidationError(_("A NIP has 10 digits, e.g. 123-456-32-18."), code="nip_format")
    check = sum(int(d) * w for d, w in zip(digits, NIP_WEIGHTS, strict=False)) % 11
    if check == 10 or check != int(digits[9]):
        raise ValidationError(_("This NIP is not valid: please check its digits."), code="nip_checksum")


def validate_regon(value: str) -> None:
    """A Polish REGON: 9 or 14 digits with the checksum of its length."""
    digits = _digits(value)
    if not re.fullmatch(r"\d{9}|\d{14}", digits):
        raise ValidationError(_("A REGON has 9 or 14 digits."), code="regon_format")
    weights = REGON_WEIGHTS[len(digits)]
    check = sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10
    if check != int(digits[-1]):
        raise ValidationError(_("This REGON is not valid: please check its digits."), code="regon_checksum")


def validate_year(value: int | None) -> None:
    """A year of a production: from 1900 to next year (work announced for it)."""
    last = timezone.localdate().year + 1
    if value is not None and not FIRST_YEAR <= value <= last:
        raise ValidationError(
            _("Give a year between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": last}, code="year"
        )


def shooting_dates_errors(start, end) -> dict:
    """The error of a shoot that would end before it starts, keyed by the end's field."""
    if start and end and end < start:
        return {"shooting_end": _("The shoot cannot end before it starts.")}
    return {}
