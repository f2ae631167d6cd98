"""The members' lead list shows live leads by default (wrapped and cancelled behind the
status filter), and the digest does not announce a cancelled or wrapped lead as new."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from productions import selectors
from tests.factories.productions import ProductionLeadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leads():
    return {
        status: ProductionLeadFactory(title_en=f"Lead {status}", status=status)
        for status in ("confirmed", "shooting", "wrapped", "cancelled")
    }


def titles(response) -> list[str]:
    return sorted(set(re.findall(r"Lead (?:confirmed|shooting|wrapped|cancelled)", response.content.decode())))


def test_lead_list_shows_live_leads_by_default(client, member_user, leads):
    client.force_login(member_user)

    response = client.get("/en/productions/")

    assert response.status_code == 200
    assert titles(response) == ["Lead confirmed", "Lead shooting"]


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("cancelled", ["Lead cancelled"]),
        ("wrapped", ["Lead wrapped"]),
        ("all", ["Lead cancelled", "Lead confirmed", "Lead shooting", "Lead wrapped"]),
    ],
)
def test_wrapped_and_cancelled_leads_are_behind_the_status_filter(client, member_user, leads, status, expected):
    client.force_login(member_user)

    response = client.get(f"/en/productions/?status={status}")

    assert titles(response) == expected


def test_status_filter_offers_live_leads_first_and_all(client, member_user, leads):
    client.force_login(member_user)

    html = client.get("/en/productions/").content.decode()

    select = re.search(r'<select name="status".*?</select>', html, re.S).group(0)
    options = re.findall(r'<option value="([^"]*)"', select)
    assert options[:2] == ["", "all"]
    assert "Live leads" in select


def test_digest_does_not_announce_a_cancelled_or_wrapped_lead_as_new():
    moment = timezone.now() - timedelta(hours=1)
    live = ProductionLeadFactory(status="confirmed")
    ProductionLeadFactory(status="cancelled")
    ProductionLeadFactory(status="wrapped")

    changed = selectors.leads_changed_since(moment)

    assert [lead.pk for lead in changed.new] == [live.pk]
