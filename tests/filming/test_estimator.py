"""The estimate's arithmetic: thresholds and caps per kind at, just below and just above
their limits, several schemes at once, and schemes outside their dates left out."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from filming.estimator import estimate
from filming.models import IncentiveScheme
from tests.factories.filming import IncentiveSchemeFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 2)
D = Decimal


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _run(*, kind="feature", on=TODAY, **spend):
    schemes = IncentiveScheme.objects.prefetch_related("thresholds").order_by("position", "pk")
    return estimate(schemes, kind=kind, spend={k: D(v) for k, v in spend.items()}, on=on)


@pytest.mark.parametrize(
    ("spend", "qualifies", "amount"),
    [
        ("999999.99", False, "0.00"),  # one grosz below the minimum
        ("1000000.00", True, "300000.00"),  # exactly the minimum qualifies
        ("1000000.01", True, "300000.00"),  # 300000.003 rounds half up to the grosz
    ],
)
def test_estimate_threshold_at_just_below_and_just_above(spend, qualifies, amount):
    IncentiveSchemeFactory(thresholds={"feature": D("1000000")})

    outcome = _run(crew_cast=spend).outcomes[0]

    assert (outcome.qualifies, outcome.amount) == (qualifies, D(amount))


def test_estimate_below_threshold_says_what_is_missing():
    IncentiveSchemeFactory(thresholds={"feature": D("1000000")})

    outcome = _run(crew_cast="750000").outcomes[0]

    assert outcome.missing == [
        "Eligible local spend of at least PLN\u00a01,000,000.00; PLN\u00a0250,000.00 more is needed."
    ]
    assert outcome.rule == "30% of eligible local spend from PLN\u00a01,000,000.00."


def test_estimate_thresholds_differ_per_kind():
    IncentiveSchemeFactory(thresholds={"feature": D("4000000"), "documentary": D("1000000")})

    feature = _run(kind="feature", crew_cast="2000000").outcomes[0]
    documentary = _run(kind="documentary", crew_cast="2000000").outcomes[0]
    commercial = _run(kind="commercial", crew_cast="2000000").outcomes[0]

    assert (feature.qualifies, feature.minimum) == (False, D("4000000"))
    assert (documentary.qualifies, documentary.amount) == (True, D("600000.00"))
    assert (commercial.qualifies, commercial.minimum) == (False, None)
    assert commercial.missing == ["The scheme does not cover this kind of production."]


@pytest.mark.parametrize(
    ("spend", "amount", "capped_by"),
    [
        ("1666666.63", "499999.99", ""),  # a grosz below the cap: 499,999.989 → 499,999.99
        ("1666666.70", "500000.00", "project"),  # a grosz above: 500,000.01 → the cap
        ("3000000", "500000.00", "project"),  # well above
    ],
)
def test_estimate_cap_per_project_at_just_below_and_just_above(spend, amount, capped_by):
    IncentiveSchemeFactory(cap_per_project=D("500000"), thresholds={"feature": D("0")})

    outcome = _run(crew_cast=spend).outcomes[0]

    assert outcome.amount == D(amount)
    assert outcome.capped_by == capped_by


def test_estimate_uncapped_amount_equal_to_the_cap_is_not_limited():
    IncentiveSchemeFactory(cap_per_project=D("300000"), thresholds={"feature": D("0")})

    outcome = _run(crew_cast="1000000").outcomes[0]

    assert (outcome.amount, outcome.capped_by) == (D("300000.00"), "")
    assert outcome.rule == "30% of eligible local spend of PLN\u00a01,000,000.00 = PLN\u00a0300,000.00."


def test_estimate_lower_cap_per_applicant_applies_and_is_named():
    IncentiveSchemeFactory(cap_per_project=D("900000"), cap_per_applicant=D("400000"), thresholds={"feature": D("0")})

    outcome = _run(crew_cast="5000000").outcomes[0]

    assert (outcome.amount, outcome.uncapped, outcome.capped_by) == (D("400000.00"), D("1500000.00"), "applicant")
    assert outcome.rule.endswith("Limited to the cap per applicant, PLN\u00a0400,000.00.")


def test_estimate_several_schemes_each_on_its_own_eligible_spend():
    national = IncentiveSchemeFactory(name_en="National", thresholds={"feature": D("4000000")})
    regional = IncentiveSchemeFactory(
        name_en="Regional",
        rate_percent=D("20"),
        eligible_spend=["equipment", "locations"],
        cap_per_project=D("150000"),
        thresholds={"feature": D("500000")},
    )
    short = IncentiveSchemeFactory(name_en="Short", thresholds={"feature": D("9000000")})

    result = _run(crew_cast="3000000", equipment="600000", locations="400000")

    by_name = {o.scheme.name: o for o in result.outcomes}
    assert by_name["National"].eligible_spend == D("4000000")
    assert by_name["National"].amount == D("1200000.00")
    assert by_name["Regional"].eligible_spend == D("1000000")
    assert (by_name["Regional"].amount, by_name["Regional"].capped_by) == (D("150000.00"), "project")
    assert by_name["Short"].qualifies is False
    assert [o.scheme for o in result.outcomes] == [national, regional, short]  # qualifying first, largest first
    assert result.best_amount == D("1200000.00")
    assert result.total_spend == D("4000000")


def test_estimate_ignores_a_scheme_past_its_end_date_and_one_not_yet_open():
    IncentiveSchemeFactory(name_en="Ended", valid_until=TODAY - dt.timedelta(days=1))
    IncentiveSchemeFactory(name_en="Later", valid_from=TODAY + dt.timedelta(days=1))
    IncentiveSchemeFactory(name_en="Last day", valid_until=TODAY)
    IncentiveSchemeFactory(name_en="Open", valid_from=TODAY - dt.timedelta(days=10))

    result = _run(crew_cast="2000000")

    assert sorted(o.scheme.name for o in result.outcomes) == ["Last day", "Open"]


def test_estimate_with_no_open_scheme_is_empty():
    IncentiveSchemeFactory(valid_until=TODAY - dt.timedelta(days=1))

    result = _run(crew_cast="2000000")

    assert (result.outcomes, result.best_amount) == ([], D("0.00"))


def test_estimate_is_decimal_throughout():
    IncentiveSchemeFactory(rate_percent=D("33.33"), thresholds={"feature": D("0")})

    outcome = _run(crew_cast="0.10", equipment="0.20").outcomes[0]

    # 0.30 × 33.33% = 0.09999 → 0.10 (a float sum would make 0.30000000000000004)
    assert outcome.eligible_spend == D("0.30")
    assert outcome.amount == D("0.10")
    assert isinstance(outcome.amount, Decimal)
