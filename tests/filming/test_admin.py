"""The coordinator keeps a scheme current in the admin: its figures, its minimum spend per
kind, and its validity; the public pages follow at once."""

from decimal import Decimal

import pytest

from filming.models import IncentiveScheme
from tests.factories.accounts import CoordinatorFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/filming/incentivescheme/add/"


def _form(**overrides):
    data = {
        "name_pl": "Fundusz regionalny",
        "name_en": "Regional fund",
        "slug": "regional-fund",
        "authority_pl": "Region",
        "authority_en": "The region",
        "summary_pl": "",
        "summary_en": "",
        "url": "https://example.org/fund",
        "position": "0",
        "is_published": "on",
        "rate_percent": "20",
        "eligible_spend": ["equipment", "locations"],
        "cap_per_project": "500000",
        "cap_per_applicant": "",
        "valid_from": "2026-01-01",
        "valid_until": "2099-12-31",
        "last_checked": "2026-11-30",
        "source": "The fund's rules, 2026 edition",
        "thresholds-TOTAL_FORMS": "2",
        "thresholds-INITIAL_FORMS": "0",
        "thresholds-MIN_NUM_FORMS": "0",
        "thresholds-MAX_NUM_FORMS": "1000",
        "thresholds-0-kind": "feature",
        "thresholds-0-min_local_spend": "500000",
        "thresholds-1-kind": "documentary",
        "thresholds-1-min_local_spend": "100000",
    }
    data.update(overrides)
    return data


def test_coordinator_adds_a_scheme_with_its_thresholds_and_the_estimate_uses_it(client, db):
    client.force_login(CoordinatorFactory())

    response = client.post(ADD, _form())

    assert response.status_code == 302
    scheme = IncentiveScheme.objects.get(slug="regional-fund")
    assert scheme.eligible_spend == ["equipment", "locations"]
    assert scheme.cap_per_project == Decimal("500000.00")
    assert sorted(scheme.thresholds.values_list("kind", "min_local_spend")) == [
        ("documentary", Decimal("100000.00")),
        ("feature", Decimal("500000.00")),
    ]
    client.logout()
    html = client.get(
        "/en/filming/estimate/", {"kind": "documentary", "spend_equipment": "300000", "spend_crew_cast": "900000"}
    ).content.decode()
    assert "Estimated amount: <strong>PLN\u00a060,000.00</strong>" in html  # wages do not count here


def test_coordinator_cannot_save_a_scheme_that_closes_before_it_opens_or_pays_over_100(client, db):
    client.force_login(CoordinatorFactory())

    response = client.post(ADD, _form(valid_from="2026-06-01", valid_until="2026-05-31", rate_percent="120"))

    assert response.status_code == 200
    assert IncentiveScheme.objects.count() == 0
    errors = response.context["adminform"].form.errors
    assert errors["valid_until"] == ["Program nie może się zamknąć przed otwarciem."]  # the admin speaks Polish
    assert "rate_percent" in errors
