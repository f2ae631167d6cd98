"""Transactional email goes through a real worker and a real SMTP server on loopback."""

import pytest
from django.db import transaction

from core import emails
from tests.conftest import start_worker


@pytest.mark.django_db  # the cluster's name comes from the branding record
def test_rendered_email_is_in_the_recipients_language():
    message = emails.build_message(
        to=["a@example.org"], template="core/emails/test", context={"name": "<Ann>"}, language="pl"
    )

    assert message["subject"] == "Wiadomość testowa · Krakowski Klaster Filmowy"
    assert "Dzień dobry, <Ann>" in message["text"]
    assert "Dzień dobry, &lt;Ann&gt;" in message["html"]


@pytest.mark.integration
def test_queued_email_is_delivered_by_worker_after_a_transient_smtp_failure(transactional_db, smtp_server, eager_off):
    smtp_server.fail_next = 1
    worker = start_worker(email_url=smtp_server.url)
    try:
        with transaction.atomic():
            emails.queue_email(
                to=["producer@example.org"],
                template="core/emails/test",
                context={"name": "Ann"},
                language="en",
            )
        received = smtp_server.wait_for(1, timeout=60)
    finally:
        worker.stop()

    assert len(received) == 1
    message = received[0]
    assert message["To"] == "producer@example.org"
    assert message["Subject"] == "Test message · Krakow Film Cluster"
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    assert "retry" in worker.log().lower()
