"""A 4xx reply is temporary (retried with backoff); only a 5xx reply fails for good."""

import smtplib

import pytest

from core import smtp
from core.emails import build_message
from core.tasks import TRANSIENT_EMAIL_ERRORS, send_email
from tests.conftest import start_worker


def _message():
    return build_message(to=["greylisted@example.org"], template="core/emails/test", context={}, language="en")


def test_classify_reads_the_reply_codes():
    greylisted = smtplib.SMTPRecipientsRefused({"a@example.org": (450, b"4.7.1 Greylisted")})
    unknown = smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"5.1.1 No such user")})

    assert isinstance(smtp.classify(greylisted), smtp.TemporarySmtpRefusal)
    assert isinstance(smtp.classify(unknown), smtp.PermanentSmtpRefusal)
    assert isinstance(smtp.classify(smtplib.SMTPDataError(451, b"later")), smtp.TemporarySmtpRefusal)
    assert isinstance(smtp.classify(smtplib.SMTPDataError(554, b"spam")), smtp.PermanentSmtpRefusal)
    assert smtp.TemporarySmtpRefusal in TRANSIENT_EMAIL_ERRORS
    assert smtp.PermanentSmtpRefusal not in TRANSIENT_EMAIL_ERRORS


@pytest.mark.integration
def test_greylisted_recipient_is_retried_by_the_worker_until_accepted(transactional_db, smtp_server, eager_off):
    smtp_server.rcpt_replies = ["450 4.7.1 Greylisted, try again later"]
    worker = start_worker(email_url=smtp_server.url)
    try:
        send_email.delay(message=_message())
        received = smtp_server.wait_for(1, timeout=60)
    finally:
        worker.stop()

    assert smtp_server.rcpt_attempts == 2
    assert [m["To"] for m in received] == ["greylisted@example.org"]
    assert "TemporarySmtpRefusal" in worker.log()


@pytest.mark.django_db  # the email is signed with the cluster's branding
def test_refused_recipient_fails_at_once(smtp_server):
    smtp_server.rcpt_replies = ["550 5.1.1 No such user"]

    with pytest.raises(smtp.PermanentSmtpRefusal):
        send_email.apply(kwargs={"message": _message()}, throw=True)

    assert smtp_server.rcpt_attempts == 1
    assert smtp_server.messages == []
