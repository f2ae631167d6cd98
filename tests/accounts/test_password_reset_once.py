"""A password reset asked for five times in a minute sends one email (counted on a real
SMTP server on loopback), and the person sees the same page each time."""

import pytest

from core.models import OutboundEmail
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def post_reset_five_times(client, email, django_capture_on_commit_callbacks):
    answers = []
    for _ in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/accounts/password/reset/", {"email": email})
        answers.append((response.status_code, response["Location"]))
    return answers


def test_password_reset_requested_five_times_sends_one_email(client, smtp_server, django_capture_on_commit_callbacks):
    UserFactory(email="forgetful@example.org", preferred_language="en")

    answers = post_reset_five_times(client, "Forgetful@example.org", django_capture_on_commit_callbacks)

    assert answers == [(302, "/accounts/password/reset/done/")] * 5
    assert [m["To"] for m in smtp_server.wait_for(1)] == ["forgetful@example.org"]
    assert list(OutboundEmail.objects.values_list("kind", "state")) == [("account/email/password_reset_key", "sent")]


def test_password_reset_for_an_unknown_address_also_sends_one(client, smtp_server, django_capture_on_commit_callbacks):
    answers = post_reset_five_times(client, "nobody@example.org", django_capture_on_commit_callbacks)

    assert answers == [(302, "/accounts/password/reset/done/")] * 5
    assert [m["To"] for m in smtp_server.wait_for(1)] == ["nobody@example.org"]


def test_password_reset_after_the_window_sends_again(client, smtp_server, django_capture_on_commit_callbacks, settings):
    settings.OUTBOX_REPEAT_WINDOW_MINUTES = 0
    UserFactory(email="forgetful@example.org")

    post_reset_five_times(client, "forgetful@example.org", django_capture_on_commit_callbacks)

    assert len(smtp_server.wait_for(5)) == 5
