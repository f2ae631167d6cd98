"""The estimate's emails end to end: a real Celery worker on Redis delivering to a real
SMTP server on loopback."""

from decimal import Decimal

import pytest

from tests.conftest import start_worker
from tests.factories.filming import EuroRateFactory, IncentiveSchemeFactory

pytestmark = pytest.mark.integration

FIGURES = {"kind": "feature", "spend_crew_cast": "2000000.00", "spend_equipment": "500000.00"}


def test_emailed_estimate_and_estimate_inquiry_are_delivered_by_the_worker(
    transactional_db, smtp_server, eager_off, client, settings
):
    IncentiveSchemeFactory(name_en="National rebate", thresholds={"feature": Decimal("1000000")})
    EuroRateFactory(pln_per_eur=Decimal("4.0000"))
    worker = start_worker(email_url=smtp_server.url)
    try:
        emailed = client.post("/en/filming/estimate/email/", {**FIGURES, "email": "ola@example.org", "consent": "on"})
        inquiry = client.post(
            "/en/filming/estimate/inquiry/",
            {
                **FIGURES,
                "producer_name": "Ingrid Berg",
                "company": "Fjord Pictures",
                "country": "Norway",
                "email": "ingrid@example.org",
                "project_title": "Northern Crossing",
                "consent": "on",
            },
        )
        received = smtp_server.wait_for(3, timeout=60)
    finally:
        worker.stop()

    assert (emailed.status_code, inquiry.status_code) == (302, 302)
    assert sorted(m["To"] for m in received) == sorted(
        ["ola@example.org", "ingrid@example.org", settings.COORDINATOR_EMAIL]
    )
    estimate = smtp_server.to("ola@example.org")[0]
    assert estimate["Subject"] == "Your rebate estimate: Feature film"
    assert [part.get_content_type() for part in estimate.iter_parts()] == ["text/plain", "text/html"]
    text = estimate.get_body(("plain",)).get_content()
    assert "National rebate: may qualify, estimated PLN\u00a0750,000.00 (€187,500.00)" in text
    notification = smtp_server.to(settings.COORDINATOR_EMAIL)[0].get_body(("plain",)).get_content()
    assert "National rebate: may qualify, estimated PLN\u00a0750,000.00" in notification
