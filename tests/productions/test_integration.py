"""The email paths that matter, end to end: a real Celery worker on Redis delivering to
a real SMTP server on loopback."""

import re

import pytest

from productions import services
from productions.models import LeadResponse
from tests.conftest import start_worker
from tests.factories.accounts import MembershipFactory
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory
from tests.factories.productions import DraftLeadFactory

pytestmark = pytest.mark.integration


def test_inquiry_acknowledgement_and_notification_are_delivered_by_the_worker(
    transactional_db, smtp_server, eager_off, client, settings
):
    camera = ServiceCategoryFactory(slug="camera-rental", name_en="Camera and lens rental")
    worker = start_worker(email_url=smtp_server.url)
    try:
        response = client.post(
            "/en/productions/inquiry/",
            {
                "producer_name": "Ingrid Berg",
                "company": "Fjord Pictures",
                "country": "Norway",
                "email": "ingrid@example.org",
                "project_title": "Northern Crossing",
                "kind": "series",
                "services_needed": [camera.pk],
                "message": "Six episodes.",
                "consent": "on",
            },
        )
        received = smtp_server.wait_for(2, timeout=60)
    finally:
        worker.stop()

    assert response.status_code == 302
    assert sorted(m["To"] for m in received) == sorted(["ingrid@example.org", settings.COORDINATOR_EMAIL])
    ack = smtp_server.to("ingrid@example.org")[0]
    assert ack["Subject"] == "We have received your production inquiry: Northern Crossing"
    assert [part.get_content_type() for part in ack.iter_parts()] == ["text/plain", "text/html"]
    assert "Camera and lens rental" in ack.get_body(("plain",)).get_content()


def test_lead_alert_is_delivered_and_its_one_click_answer_records_the_firm(
    transactional_db, smtp_server, eager_off, client
):
    sound = ServiceCategoryFactory(slug="sound-post", name_en="Sound post-production")
    firm = MemberFactory(name="Sukiennice Sound")
    MemberServiceFactory(member=firm, category=sound)
    user = MembershipFactory(member=firm, user__email="sound@example.org").user
    lead = DraftLeadFactory(title_en="Quiet Streets", services_needed=[sound])
    worker = start_worker(email_url=smtp_server.url)
    try:
        services.lead_publish(lead=lead, user=None)
        received = smtp_server.wait_for(1, timeout=60)
    finally:
        worker.stop()

    assert [m["To"] for m in received] == ["sound@example.org"]
    text = received[0].get_body(("plain",)).get_content()
    url = re.search(r"^Interested: (\S+)\s*$", text, re.M).group(1)
    client.post(url.removeprefix("http://127.0.0.1:8000"))
    assert list(LeadResponse.objects.values_list("member_id", "user_id", "status", "channel")) == [
        (firm.pk, user.pk, "interested", "email")
    ]
