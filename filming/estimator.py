"""The rebate estimate: what each open scheme may pay a production, and why.

Pure arithmetic over ``Decimal`` (no floats, no queries): the caller passes the schemes
with their thresholds loaded (``selectors.schemes_for_estimate``). For each scheme open
on the day:

- the eligible spend is the sum of the categories the scheme counts;
- the production qualifies when the scheme covers its kind and the eligible spend is at
  least the kind's minimum (reaching the minimum exactly qualifies);
- the amount is ``rate × eligible spend``, rounded half up to the grosz, then limited by
  the cap per project and by the cap per applicant (one production is all the applicant
  asks for here, so the lower of the two applies); the rule names the cap that bit.

Schemes are estimated each on its own and not added up: whether two can be combined,
and up to what share of the budget, is for each scheme's rules to say, so the result
shows the largest single amount rather than a sum.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from productions.models import Kind

from .models import SpendCategory
from .money import format_pln

CENT = Decimal("0.01")
HUNDRED = Decimal("100")


@dataclass(frozen=True)
class SchemeOutcome:
    scheme: object  # an IncentiveScheme
    eligible_spend: Decimal
    minimum: Decimal | None  # None: the scheme does not cover this kind of production
    qualifies: bool
    amount: Decimal  # 0 unless the production qualifies
    uncapped: Decimal
    capped_by: str  # "", "project" or "applicant"
    rule: str
    missing: list[str] = field(default_factory=list)

    @property
    def needs_service_company(self) -> bool:
        return bool(self.scheme.requires_local_service_company)

    def as_record(self) -> dict:
        """What a stored estimate keeps of this outcome (strings, so JSON keeps every digit)."""
        return {
            "scheme": self.scheme.name,
            "scheme_id": self.scheme.pk,
            "url": self.scheme.url,
            "qualifies": self.qualifies,
            "eligible_spend": str(self.eligible_spend),
            "minimum": None if self.minimum is None else str(self.minimum),
            "amount": str(self.amount),
            "capped_by": self.capped_by,
            "rule": self.rule,
            "missing": list(self.missing),
        }


@dataclass(frozen=True)
class Estimate:
    kind: str
    spend: dict[str, Decimal]
    outcomes: list[SchemeOutcome]
    on: dt.date

    @property
    def total_spend(self) -> Decimal:
        return sum(self.spend.values(), Decimal("0"))

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)

    @property
    def spend_lines(self) -> list[dict]:
        return [
            {"category": category, "label": SpendCategory(category).label, "amount": amount}
            for category, amount in self.spend.items()
            if amount
        ]

    @property
    def qualifying(self) -> list[SchemeOutcome]:
        return [outcome for outcome in self.outcomes if outcome.qualifies]

    @property
    def best_amount(self) -> Decimal:
        return max((outcome.amount for outcome in self.qualifying), default=Decimal("0.00"))

    @property
    def needs_service_company(self) -> bool:
        return any(outcome.needs_service_company for outcome in self.outcomes if outcome.minimum is not None)


def _percent(rate: Decimal) -> str:
    return f"{rate.normalize():f}"


def _cap(amount: Decimal, scheme) -> tuple[Decimal, str]:
    caps = ((scheme.cap_per_project, "project"), (scheme.cap_per_applicant, "applicant"))
    binding = [(cap, name) for cap, name in caps if cap is not None and amount > cap]
    if not binding:
        return amount, ""
    cap, name = min(binding, key=lambda pair: pair[0])
    return cap, name


def estimate_scheme(scheme, *, kind: str, spend: Mapping[str, Decimal]) -> SchemeOutcome:
    eligible = sum((amount for category, amount in spend.items() if scheme.counts(category)), Decimal("0"))
    thresholds = {threshold.kind: threshold.min_local_spend for threshold in scheme.thresholds.all()}
    rate = _percent(scheme.rate_percent)
    if kind not in thresholds:
        return SchemeOutcome(
            scheme,
            eligible,
            None,
            False,
            Decimal("0.00"),
            Decimal("0.00"),
            "",
            _("%(rate)s%% of eligible local spend, for other kinds of production.") % {"rate": rate},
            [_("The scheme does not cover this kind of production.")],
        )
    minimum = thresholds[kind]
    uncapped = (eligible * scheme.rate_percent / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)
    values = {"rate": rate, "eligible": format_pln(eligible), "uncapped": format_pln(uncapped)}
    if eligible < minimum:
        missing = [
            _("Eligible local spend of at least %(minimum)s; %(short)s more is needed.")
            % {"minimum": format_pln(minimum), "short": format_pln(minimum - eligible)}
        ]
        rule = _("%(rate)s%% of eligible local spend from %(minimum)s.") % {**values, "minimum": format_pln(minimum)}
        return SchemeOutcome(scheme, eligible, minimum, False, Decimal("0.00"), uncapped, "", rule, missing)
    amount, capped_by = _cap(uncapped, scheme)
    rule = _("%(rate)s%% of eligible local spend of %(eligible)s = %(uncapped)s.") % values
    if capped_by == "project":
        rule += " " + _("Limited to the cap per project, %(cap)s.") % {"cap": format_pln(amount)}
    elif capped_by == "applicant":
        rule += " " + _("Limited to the cap per applicant, %(cap)s.") % {"cap": format_pln(amount)}
    return SchemeOutcome(scheme, eligible, minimum, True, amount, uncapped, capped_by, rule, [])


def estimate(schemes: Iterable, *, kind: str, spend: Mapping[str, Decimal], on: dt.date) -> Estimate:
    """Every scheme open on ``on``, qualifying ones first (largest amount first)."""
    outcomes = [estimate_scheme(scheme, kind=kind, spend=spend) for scheme in schemes if scheme.is_open(on)]
    outcomes.sort(key=lambda outcome: (not outcome.qualifies, -outcome.amount, outcome.scheme.position))
    return Estimate(kind=kind, spend=dict(spend), outcomes=outcomes, on=on)
