import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from digests.models import Frequency
from digests.periods import period_from_key, previous_period

WARSAW = ZoneInfo("Europe/Warsaw")


@pytest.mark.parametrize(
    ("frequency", "moment", "start", "end"),
    [
        (Frequency.DAILY, dt.datetime(2026, 11, 23, 7, 0, tzinfo=WARSAW), dt.date(2026, 11, 22), dt.date(2026, 11, 23)),
        (
            Frequency.WEEKLY,
            dt.datetime(2026, 11, 23, 7, 0, tzinfo=WARSAW),
            dt.date(2026, 11, 16),
            dt.date(2026, 11, 23),
        ),
        (
            Frequency.WEEKLY,
            dt.datetime(2026, 11, 29, 23, 59, tzinfo=WARSAW),
            dt.date(2026, 11, 16),
            dt.date(2026, 11, 23),
        ),
        (Frequency.MONTHLY, dt.datetime(2026, 12, 1, 7, 0, tzinfo=WARSAW), dt.date(2026, 11, 1), dt.date(2026, 12, 1)),
        (Frequency.MONTHLY, dt.datetime(2026, 1, 1, 7, 0, tzinfo=WARSAW), dt.date(2025, 12, 1), dt.date(2026, 1, 1)),
    ],
)
def test_previous_period_is_the_last_complete_one_in_warsaw(frequency, moment, start, end):
    period = previous_period(frequency, moment)

    assert (period.start, period.end) == (start, end)


def test_previous_period_uses_warsaw_date_not_utc():
    # 23:30 UTC on Sunday is already Monday 00:30 in Warsaw (winter time).
    moment = dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.UTC)

    period = previous_period(Frequency.WEEKLY, moment)

    assert period.start == dt.date(2026, 11, 16)


def test_period_boundaries_are_warsaw_midnights_across_dst():
    period = period_from_key(Frequency.WEEKLY, dt.date(2026, 3, 23))

    assert period.starts_at == dt.datetime(2026, 3, 23, tzinfo=WARSAW)
    assert period.ends_at.utcoffset() == dt.timedelta(hours=2)
    assert period.starts_at.utcoffset() == dt.timedelta(hours=1)


def test_period_from_key_monthly_ends_on_the_first_of_next_month():
    period = period_from_key(Frequency.MONTHLY, dt.date(2026, 2, 1))

    assert period.end == dt.date(2026, 3, 1)


def test_period_label_in_both_languages():
    period = period_from_key(Frequency.WEEKLY, dt.date(2026, 11, 16))

    assert period.label("en") == "16 November 2026 – 22 November 2026"  # the British form, not "Nov. 16, 2026"
    assert period_from_key(Frequency.MONTHLY, dt.date(2026, 11, 1)).label("en") == "November 2026"
