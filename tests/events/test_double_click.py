"""A guest registration posted five times quickly sends one email, counted on a real SMTP
server on loopback; the guest sees the same answer each time.

The public form's resubmission guard lives in Redis, which may lose it (a restart, an
eviction, the key's window): the outbox's repeat key in the database holds then too.
"""

import pytest
from django.core.cache import cache

from core.models import OutboundEmail
from tests.factories.events import EventFactory

pytestmark = pytest.mark.django_db

ALMOST_DONE = "Almost done: we have sent you an email. Open the link in it to confirm your registration."


@pytest.mark.parametrize("guard_in_redis", [True, False], ids=["guard-kept", "guard-lost"])
def test_guest_registration_posted_five_times_sends_one_email(
    client, smtp_server, django_capture_on_commit_callbacks, guard_in_redis
):
    event = EventFactory(title_en="Colour grading")
    data = {"name": "Ann Guest", "email": "ann.guest@example.org", "consent": "on"}
    answers = []

    for _ in range(5):
        if not guard_in_redis:
            cache.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/en/events/{event.slug}/register/", data, follow=True)
        answers.append((response.status_code, [str(m) for m in response.context["messages"]]))

    assert answers == [(200, [ALMOST_DONE])] * 5
    assert [m["To"] for m in smtp_server.wait_for(1)] == ["ann.guest@example.org"]
    assert event.registrations.count() == 1
    assert list(OutboundEmail.objects.values_list("kind", "state")) == [("events/emails/guest_confirm", "sent")]
