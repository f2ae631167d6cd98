"""Withdrawing a firm's answer to a lead asks first, on a page (GET; works without
JavaScript), and the POST tells the office. Permissions: anonymous, the firm's user,
another firm's user, a coordinator who is no firm's user."""

import re

import pytest

from productions import services
from productions.models import LeadResponse
from tests.factories.accounts import CoordinatorFactory, MembershipFactory
from tests.factories.productions import ProductionLeadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(categories):
    return ProductionLeadFactory(title_en="Night Train", title_pl="Nocny pociąg", services_needed=[categories["sound"]])


@pytest.fixture
def answered(lead, firm, member_user):
    services.lead_respond(lead=lead, member=firm, user=member_user, status="interested", note="Stage free")
    return lead


def test_lead_page_offers_withdrawing_through_a_get_form_to_the_confirmation(client, answered, firm, member_user):
    client.force_login(member_user)

    html = client.get(f"/en/productions/{answered.pk}/").content.decode()

    assert re.search(rf'<form method="get"\s+action="/en/productions/{answered.pk}/interest/withdraw/"', html)
    assert f'<input type="hidden" name="member" value="{firm.pk}">' in html


@pytest.mark.parametrize(
    ("lang", "heading", "button"),
    [
        ("en", "Withdraw the answer?", "Yes, withdraw our answer"),
        ("pl", "Wycofać odpowiedź?", "Tak, wycofaj naszą odpowiedź"),
    ],
)
def test_withdraw_get_asks_and_changes_nothing(client, answered, firm, member_user, lang, heading, button):
    client.force_login(member_user)

    response = client.get(f"/{lang}/productions/{answered.pk}/interest/withdraw/", {"member": firm.pk})

    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in html
    assert button in html
    assert LeadResponse.objects.filter(lead=answered, member=firm).count() == 1


def test_withdraw_post_removes_the_answer_and_tells_the_office(
    client, answered, firm, member_user, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.COORDINATOR_EMAIL = "office@example.org"
    client.force_login(member_user)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(f"/en/productions/{answered.pk}/interest/withdraw/", {"member": firm.pk})
        second = client.post(f"/en/productions/{answered.pk}/interest/withdraw/", {"member": firm.pk})

    assert (first.status_code, second.status_code) == (302, 302)
    assert LeadResponse.objects.count() == 0
    assert [m.to for m in mailoutbox] == [["office@example.org"]]  # once, not for the second click
    # The office reads its mail in the portal's main language, Polish.
    assert "Firma Sound Studio Alpha wycofała odpowiedź na informację o produkcji „Nocny pociąg”" in mailoutbox[0].body


def test_withdraw_get_for_another_firm_is_refused(client, answered, other_firm, member_user):
    client.force_login(member_user)

    response = client.get(f"/en/productions/{answered.pk}/interest/withdraw/", {"member": other_firm.pk})

    assert response.status_code == 403


def test_withdraw_get_by_another_firms_user_is_refused(client, answered, firm, other_firm):
    other_user = MembershipFactory(member=other_firm).user
    client.force_login(other_user)

    response = client.get(f"/en/productions/{answered.pk}/interest/withdraw/", {"member": firm.pk})

    assert response.status_code == 403
    assert LeadResponse.objects.count() == 1


def test_withdraw_get_by_a_coordinator_without_a_firm_is_refused(client, answered, firm):
    client.force_login(CoordinatorFactory())

    response = client.get(f"/en/productions/{answered.pk}/interest/withdraw/", {"member": firm.pk})

    assert response.status_code == 403


def test_withdraw_get_anonymous_goes_to_login(client, answered, firm):
    response = client.get(f"/en/productions/{answered.pk}/interest/withdraw/", {"member": firm.pk})

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_withdraw_get_of_a_contract_explains_instead_of_offering_the_button(client, lead, firm, member_user):
    services.lead_respond(lead=lead, member=firm, user=None, status="contracted", channel="office")
    client.force_login(member_user)

    html = client.get(f"/en/productions/{lead.pk}/interest/withdraw/", {"member": firm.pk}).content.decode()

    assert "please ask the office to change it" in html
    assert "Yes, withdraw our answer" not in html
