import io

import pytest

from accounts import demo as accounts_demo
from events import demo
from events.models import Event, Registration

pytestmark = pytest.mark.django_db


def test_demo_events_are_idempotent_and_cover_past_upcoming_and_members_only():
    accounts_demo.load(stdout=io.StringIO())

    demo.load(stdout=io.StringIO())
    counts = (Event.objects.count(), Registration.objects.count())
    demo.load(stdout=io.StringIO())

    assert (Event.objects.count(), Registration.objects.count()) == counts
    assert Event.objects.upcoming().exists()
    assert Event.objects.past().exists()
    assert Event.objects.filter(visibility="members").exists()
    assert {"forum", "training", "workshop"} <= set(Event.objects.values_list("kind", flat=True))
    attended = Registration.objects.get(email=accounts_demo.MEMBER_EMAIL)
    assert attended.event.kind == "training"
    assert attended.event.is_past()
    assert attended.attended is True
