"""The emails that matter, through a real Celery worker and a real SMTP server."""

import pytest

from events import services
from tests.conftest import start_worker
from tests.factories.accounts import MembershipFactory
from tests.factories.events import EventFactory


@pytest.mark.integration
def test_waitlist_promotion_email_with_ics_is_delivered_by_worker(transactional_db, smtp_server, eager_off):
    event = EventFactory(capacity=1, title_en="Colour grading training")
    seated = MembershipFactory(user__email="seated@example.org").user
    waiting = MembershipFactory(user__email="waiting@example.org", user__preferred_language="en").user
    worker = start_worker(email_url=smtp_server.url)
    try:
        seat = services.register_user(event=event, user=seated)
        services.register_user(event=event, user=waiting)
        smtp_server.wait_for(2, timeout=60)

        services.cancel_registration(registration=seat)
        smtp_server.wait_for(3, timeout=60)
    finally:
        worker.stop()

    promoted = smtp_server.to("waiting@example.org")
    # long non-ASCII subjects are folded after "Subject:", which the parser keeps as a leading space
    assert [m["Subject"].strip() for m in promoted] == [
        "You are on the waiting list: Colour grading training · Krakow Film Cluster",
        "A seat became free – you are in: Colour grading training · Krakow Film Cluster",
    ]
    attachments = [part for part in promoted[1].iter_attachments()]
    assert [(a.get_filename(), a.get_content_type()) for a in attachments] == [(f"{event.slug}.ics", "text/calendar")]
    assert "BEGIN:VCALENDAR" in attachments[0].get_content()
