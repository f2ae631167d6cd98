"""Digest periods in the cluster's time zone (``TIME_ZONE``; Europe/Warsaw for the demo).

A digest sent on a given morning covers the last complete period before it: the daily
one yesterday, the weekly one last Monday to Sunday, the monthly one last month. The
period's first day is its key, so every run on the same day finds the same key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from .models import Frequency


@dataclass(frozen=True)
class Period:
    frequency: str
    start: dt.date  # first day of the period
    end: dt.date  # first day after it

    @property
    def starts_at(self) -> dt.datetime:
        return local_midnight(self.start)

    @property
    def ends_at(self) -> dt.datetime:
        return local_midnight(self.end)

    @property
    def key(self) -> str:
        return f"{self.frequency}:{self.start.isoformat()}"

    def label(self, language: str) -> str:
        """E.g. "16 – 22 November 2026" for a week, in the given language."""
        with translation.override(language):
            last = self.end - dt.timedelta(days=1)
            if self.frequency == Frequency.MONTHLY:
                return formats.date_format(self.start, "F Y")
            if self.start == last:
                return formats.date_format(self.start, "DATE_FORMAT")
            return _("%(start)s – %(end)s") % {
                "start": formats.date_format(self.start, "DATE_FORMAT"),
                "end": formats.date_format(last, "DATE_FORMAT"),
            }


def local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_default_timezone())


def previous_period(frequency: str, moment: dt.datetime | None = None) -> Period:
    """The last complete period of ``frequency`` before ``moment`` (default: now)."""
    today = timezone.localtime(moment or timezone.now(), timezone.get_default_timezone()).date()
    if frequency == Frequency.DAILY:
        return Period(frequency, today - dt.timedelta(days=1), today)
    if frequency == Frequency.WEEKLY:
        this_monday = today - dt.timedelta(days=today.weekday())
        return Period(frequency, this_monday - dt.timedelta(days=7), this_monday)
    if frequency == Frequency.MONTHLY:
        first = today.replace(day=1)
        return Period(frequency, (first - dt.timedelta(days=1)).replace(day=1), first)
    raise ValueError(f"no period for frequency {frequency!r}")


def period_from_key(frequency: str, start: dt.date) -> Period:
    """The period of ``frequency`` that begins on ``start``."""
    if frequency == Frequency.DAILY:
        return Period(frequency, start, start + dt.timedelta(days=1))
    if frequency == Frequency.WEEKLY:
        return Period(frequency, start, start + dt.timedelta(days=7))
    if frequency == Frequency.MONTHLY:
        end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return Period(frequency, start, end)
    raise ValueError(f"no period for frequency {frequency!r}")
