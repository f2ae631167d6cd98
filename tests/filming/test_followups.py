"""Keeping an estimate: emailed to the producer with consent, or sent to the cluster as a
production inquiry whose figures the coordinator reads in the admin."""

import re
from decimal import Decimal

import pytest
from django.test import Client

from filming.models import RebateEstimate
from productions.models import ProductionInquiry
from tests.factories.accounts import CoordinatorFactory, MembershipFactory

pytestmark = pytest.mark.django_db

FIGURES = {"kind": "feature", "spend_crew_cast": "2000000.00", "spend_equipment": "500000.00"}
INQUIRY = {
    **FIGURES,
    "producer_name": "Ingrid Berg",
    "company": "Fjord Pictures",
    "country": "Norway",
    "email": "ingrid@example.org",
    "project_title": "Northern Crossing",
    "message": "Twelve shooting days in winter.",
    "consent": "on",
}


def _errors(html: str, field_id: str) -> list[str]:
    block = re.search(rf'id="{field_id}_errors">(.*?)</ul>', html, re.S)
    return [item.strip() for item in re.findall(r"<li>(.*?)</li>", block.group(1), re.S)] if block else []


def test_email_estimate_with_consent_sends_it_and_keeps_the_record(
    client, guide, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/filming/estimate/email/", {**FIGURES, "email": "ingrid@example.org", "consent": "on"}
        )

    assert response.status_code == 302
    assert response["Location"].startswith("/en/filming/estimate/?kind=feature&spend_crew_cast=2000000.00")
    record = RebateEstimate.objects.get()
    assert (record.email, record.total_spend, record.best_amount) == (
        "ingrid@example.org",
        Decimal("2500000.00"),
        Decimal("750000.00"),
    )
    assert [m.to for m in mailoutbox] == [["ingrid@example.org"]]
    mail = mailoutbox[0]
    assert mail.subject == "Your rebate estimate: Feature film"
    assert "National rebate: may qualify, estimated PLN\u00a0750,000.00 (€187,500.00)" in mail.body
    assert "This is an estimate, not a decision" in mail.body
    assert [alternative[1] for alternative in mail.alternatives] == ["text/html"]


def test_email_estimate_without_consent_keeps_input_and_sends_nothing(client, guide, mailoutbox):
    response = client.post("/en/filming/estimate/email/", {**FIGURES, "email": "ingrid@example.org"})
    html = response.content.decode()

    assert response.status_code == 400
    assert _errors(html, "email-consent") == ["We can only email the estimate with your consent."]
    assert 'value="ingrid@example.org"' in html
    assert 'id="result"' in html  # the estimate is still shown
    assert RebateEstimate.objects.count() == 0
    assert mailoutbox == []


def test_email_estimate_in_polish_is_written_in_polish(client, guide, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/pl/filming/estimate/email/", {**FIGURES, "email": "jan@example.org", "consent": "on"})

    assert mailoutbox[0].subject == "Szacunek zwrotu: Film fabularny"
    assert "750\u00a0000,00\u00a0zł" in mailoutbox[0].body


def test_send_as_inquiry_creates_the_inquiry_with_the_figures(
    client, guide, mailoutbox, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/filming/estimate/inquiry/", INQUIRY)

    assert response.status_code == 302
    assert response["Location"] == "/en/filming/estimate/sent/"
    inquiry = ProductionInquiry.objects.get()
    assert (inquiry.project_title, inquiry.kind, inquiry.language) == ("Northern Crossing", "feature", "en")
    assert inquiry.message.startswith("Twelve shooting days in winter.\n\nRebate estimate")
    assert "Local crew and cast: PLN\u00a02,000,000.00" in inquiry.message
    assert "National rebate: may qualify, estimated PLN\u00a0750,000.00" in inquiry.message
    record = inquiry.rebate_estimates.get()
    assert record.spend["crew_cast"] == "2000000.00"
    assert record.outcomes[0]["amount"] == "750000.00"
    assert sorted(m.to[0] for m in mailoutbox) == sorted(["ingrid@example.org", settings.COORDINATOR_EMAIL])
    notification = next(m for m in mailoutbox if m.to == [settings.COORDINATOR_EMAIL])
    assert "National rebate: may qualify" in notification.body


def test_send_as_inquiry_with_bad_fields_keeps_input_and_the_estimate(client, guide):
    response = client.post("/en/filming/estimate/inquiry/", {**INQUIRY, "email": "not-an-address", "consent": ""})
    html = response.content.decode()

    assert response.status_code == 400
    assert _errors(html, "inquiry-email") == ["Enter a valid email address."]
    assert _errors(html, "inquiry-consent") == ["This field is required."]
    assert 'value="Northern Crossing"' in html
    assert 'id="result"' in html
    assert ProductionInquiry.objects.count() == 0


def test_send_as_inquiry_with_tampered_figures_is_refused(client, guide):
    response = client.post("/en/filming/estimate/inquiry/", {**INQUIRY, "spend_equipment": "-1"})

    assert response.status_code == 400
    assert ProductionInquiry.objects.count() == 0
    assert "The amount cannot be negative." in response.content.decode()


def test_send_as_inquiry_twice_is_received_once(client, guide, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/en/filming/estimate/inquiry/", INQUIRY)
        second = client.post("/en/filming/estimate/inquiry/", INQUIRY)

    assert (first.status_code, second.status_code) == (302, 302)
    assert ProductionInquiry.objects.count() == 1
    assert RebateEstimate.objects.count() == 1


def test_send_as_inquiry_is_rate_limited(client, guide, settings, django_capture_on_commit_callbacks):
    settings.PUBLIC_FORM_RATE = "2/h"
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            client.post("/en/filming/estimate/inquiry/", {**INQUIRY, "project_title": f"Film {n}"}).status_code
            for n in range(3)
        ]

    assert statuses == [302, 302, 429]
    assert ProductionInquiry.objects.count() == 2


def test_honeypot_filled_in_saves_nothing(client, guide):
    response = client.post("/en/filming/estimate/inquiry/", {**INQUIRY, "website_url": "http://spam.example"})

    assert response.status_code == 302
    assert ProductionInquiry.objects.count() == 0


def test_follow_up_forms_need_the_csrf_token(guide):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/en/filming/estimate/inquiry/", INQUIRY)

    assert response.status_code == 403
    assert ProductionInquiry.objects.count() == 0


def test_follow_up_urls_refuse_get(client, guide):
    assert client.get("/en/filming/estimate/inquiry/").status_code == 405
    assert client.get("/en/filming/estimate/email/").status_code == 405


def test_coordinator_sees_the_figures_on_the_inquiry_in_the_admin(client, guide, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/filming/estimate/inquiry/", INQUIRY)
    inquiry = ProductionInquiry.objects.get()
    client.force_login(CoordinatorFactory())

    html = client.get(f"/admin/productions/productioninquiry/{inquiry.pk}/change/").content.decode()

    # The admin speaks the installation's language (Polish for the demo cluster).
    assert "Dołączone szacunki zwrotu" in html
    assert "Lokalna ekipa i obsada" in html
    assert "2\u00a0500\u00a0000,00\u00a0zł" in html  # the total
    assert "National rebate" in html
    assert "750\u00a0000,00\u00a0zł" in html


@pytest.mark.parametrize("persona", ["anonymous", "member", "other_member"])
def test_non_coordinators_cannot_open_the_filming_admin(client, guide, persona):
    if persona != "anonymous":
        client.force_login(MembershipFactory().user)

    statuses = [
        client.get(path).status_code
        for path in ["/admin/filming/incentivescheme/", "/admin/filming/guidepage/", "/admin/filming/rebateestimate/"]
    ]

    assert statuses == [302, 302, 302]


def test_coordinator_opens_every_filming_admin_page(client, guide):
    client.force_login(CoordinatorFactory())
    scheme = guide["scheme"]

    statuses = [
        client.get(path).status_code
        for path in [
            "/admin/filming/incentivescheme/",
            f"/admin/filming/incentivescheme/{scheme.pk}/change/",
            "/admin/filming/incentivescheme/add/",
            "/admin/filming/guidepage/",
            f"/admin/filming/guidepage/{guide['permits'].pk}/change/",
            "/admin/filming/guidepage/add/",
            "/admin/filming/eurorate/",
            "/admin/filming/rebateestimate/",
        ]
    ]

    assert statuses == [200] * 8
