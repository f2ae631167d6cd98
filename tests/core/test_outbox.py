"""Every transactional email is an outbox row first, sent by its id and only once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core import emails, outbox, tasks
from core.models import OutboundEmail
from core.smtp import PermanentSmtpRefusal, TemporarySmtpRefusal

pytestmark = pytest.mark.django_db
State = OutboundEmail.State


def queue_test_email(capture, **overrides):
    arguments = {"to": ["ann@example.org"], "template": "core/emails/test", "context": {}, "language": "en"}
    with capture(execute=True):
        return emails.queue_email(**{**arguments, **overrides})


def test_queued_email_is_a_row_sent_by_its_id(smtp_server, django_capture_on_commit_callbacks):
    email = queue_test_email(django_capture_on_commit_callbacks)

    email.refresh_from_db()
    assert (email.kind, email.recipients, email.language, email.state, email.attempts) == (
        "core/emails/test",
        "ann@example.org",
        "en",
        State.SENT,
        1,
    )
    assert email.subject == "Test message · Krakow Film Cluster"
    assert email.sent_at is not None
    assert [m["To"] for m in smtp_server.wait_for(1)] == ["ann@example.org"]


def test_row_is_written_before_commit_and_queued_only_after(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        emails.queue_email(to=["ann@example.org"], template="core/emails/test", context={}, language="en")
        assert OutboundEmail.objects.get().state == State.QUEUED

    assert len(callbacks) == 1
    assert smtp_server.messages == []


def test_redelivered_task_does_not_send_a_sent_row_again(smtp_server, django_capture_on_commit_callbacks):
    email = queue_test_email(django_capture_on_commit_callbacks)

    again = tasks.send_email.apply(kwargs={"email_id": email.pk}, throw=True).get()

    assert again == "skipped"
    assert len(smtp_server.messages) == 1
    assert OutboundEmail.objects.get().attempts == 1


def stored_test_email(**overrides) -> OutboundEmail:
    message = emails.build_message(
        **{"to": ["ann@example.org"], "template": "core/emails/test", "context": {}, "language": "en", **overrides}
    )
    return outbox.store(message=message, kind="core/emails/test", language="en")


def test_refused_recipient_fails_the_row_at_once_with_the_error(smtp_server):
    smtp_server.rcpt_replies = ["550 5.1.1 No such user"]
    email = stored_test_email(to=["gone@example.org"])

    with pytest.raises(PermanentSmtpRefusal):
        tasks.send_email.apply(kwargs={"email_id": email.pk}, throw=True)

    email.refresh_from_db()
    assert (email.state, email.attempts, email.sent_at) == (State.FAILED, 1, None)
    assert email.last_error == "PermanentSmtpRefusal: {'gone@example.org': (550, b'5.1.1 No such user')}"
    assert smtp_server.messages == []


def test_transient_failures_fail_the_row_after_the_last_attempt(smtp_server):
    smtp_server.fail_next = outbox.MAX_ATTEMPTS  # 451 to every attempt
    email = stored_test_email()
    countdowns = []

    for _ in range(outbox.MAX_ATTEMPTS - 1):
        with pytest.raises(outbox.RetryLater) as later:
            outbox.deliver(email_id=email.pk)
        countdowns.append(later.value.countdown)
    with pytest.raises(TemporarySmtpRefusal):
        outbox.deliver(email_id=email.pk)

    email.refresh_from_db()
    assert (email.state, email.attempts) == (State.FAILED, outbox.MAX_ATTEMPTS)
    assert email.last_error == "TemporarySmtpRefusal: (451, b'4.3.0 Try again later')"
    assert 2.5 <= countdowns[0] <= 5
    assert 300 <= countdowns[-1] <= 600
    assert outbox.deliver(email_id=email.pk) == "skipped"  # failed: only "Resend" sends it again
    assert smtp_server.messages == []


def test_a_transient_failure_then_success_leaves_a_sent_row(smtp_server):
    smtp_server.fail_next = 1
    email = stored_test_email()

    with pytest.raises(outbox.RetryLater):
        outbox.deliver(email_id=email.pk)
    email.refresh_from_db()
    assert (email.state, email.attempts) == (State.QUEUED, 1)
    assert outbox.deliver(email_id=email.pk) == "sent"

    email.refresh_from_db()
    assert (email.state, email.attempts, email.last_error) == (State.SENT, 2, "")
    assert len(smtp_server.messages) == 1


def test_a_task_of_the_previous_release_with_the_message_becomes_a_row(smtp_server):
    message = emails.build_message(to=["old@example.org"], template="core/emails/test", context={}, language="en")

    result = tasks.send_email.apply(kwargs={"message": message}, throw=True).get()

    assert result == "sent"
    assert OutboundEmail.objects.get().recipients == "old@example.org"
    assert [m["To"] for m in smtp_server.messages] == ["old@example.org"]


def test_the_same_repeat_key_within_the_window_writes_one_row(mailoutbox, django_capture_on_commit_callbacks):
    first = queue_test_email(django_capture_on_commit_callbacks, dedupe_key="test:ann")
    second = queue_test_email(django_capture_on_commit_callbacks, dedupe_key="test:ann")
    other = queue_test_email(django_capture_on_commit_callbacks, dedupe_key="test:bob", to=["bob@example.org"])

    assert first is not None
    assert second is None
    assert other is not None
    assert [m.to for m in mailoutbox] == [["ann@example.org"], ["bob@example.org"]]


def test_a_failed_row_does_not_hold_back_a_new_try(mailoutbox, django_capture_on_commit_callbacks):
    first = queue_test_email(django_capture_on_commit_callbacks, dedupe_key="test:ann")
    OutboundEmail.objects.filter(pk=first.pk).update(state=State.FAILED)

    second = queue_test_email(django_capture_on_commit_callbacks, dedupe_key="test:ann")

    assert second is not None
    assert len(mailoutbox) == 2


def test_stale_queued_rows_are_queued_again_and_sent_once(smtp_server):
    email = stored_test_email(to=["lost@example.org"])  # written, but its task never reached the broker
    fresh = stored_test_email(to=["lost@example.org"])
    OutboundEmail.objects.filter(pk=email.pk).update(queued_at=timezone.now() - timedelta(hours=1))

    requeued = tasks.requeue_stale_emails.apply(throw=True).get()

    assert requeued == 1
    assert OutboundEmail.objects.get(pk=email.pk).state == State.SENT
    assert OutboundEmail.objects.get(pk=fresh.pk).state == State.QUEUED
    assert len(smtp_server.messages) == 1


def test_retention_deletes_old_sent_rows_and_keeps_failed_ones_twice_as_long(settings):
    settings.OUTBOX_RETENTION_DAYS = 10
    now = timezone.now()
    message = {"to": ["x@example.org"], "subject": "s", "text": "t", "html": "h"}

    def row(state, age_days):
        email = outbox.store(message=message, kind="k", language="en")
        moment = now - timedelta(days=age_days)
        OutboundEmail.objects.filter(pk=email.pk).update(state=state, created_at=moment, sent_at=moment)
        return email.pk

    recent_sent, old_sent = row(State.SENT, 9), row(State.SENT, 11)
    failed_kept, failed_old = row(State.FAILED, 19), row(State.FAILED, 21)
    queued_old = row(State.QUEUED, 400)

    deleted = tasks.purge_outbox.apply(throw=True).get()

    assert deleted == {"sent": 1, "failed": 1}
    assert set(OutboundEmail.objects.values_list("pk", flat=True)) == {recent_sent, failed_kept, queued_old}
    assert old_sent not in OutboundEmail.objects.values_list("pk", flat=True)
    assert failed_old not in OutboundEmail.objects.values_list("pk", flat=True)


def test_beat_runs_the_outbox_sweep_and_retention(settings):
    tasks_in_schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert {"core.tasks.requeue_stale_emails", "core.tasks.purge_outbox"} <= tasks_in_schedule
    assert settings.OUTBOX_RETENTION_DAYS == 90
