from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from events.selectors import upcoming_open_for_registration, visible_events
from tests.factories.events import EventFactory, MembersOnlyEventFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "sees_members_only"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("member_user", True),
        ("other_member_user", True),
        ("coordinator", True),
    ],
)
def test_visible_events_by_person(request, who, sees_members_only):
    public, members_only = EventFactory(), MembersOnlyEventFactory()
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)

    visible = set(visible_events(user).values_list("pk", flat=True))

    assert visible == ({public.pk, members_only.pk} if sees_members_only else {public.pk})


def test_visible_events_drops_members_only_when_the_firm_is_suspended(member_user):
    members_only = MembersOnlyEventFactory()
    firm = member_user.memberships.get().member
    firm.status = "suspended"
    firm.save()

    assert list(visible_events(member_user)) == []
    assert members_only.pk not in visible_events(member_user).values_list("pk", flat=True)


def test_upcoming_open_for_registration_for_the_digest():
    now = timezone.now()
    soon = EventFactory(starts_at=now + timedelta(days=3))
    members_soon = MembersOnlyEventFactory(starts_at=now + timedelta(days=10))
    EventFactory(starts_at=now + timedelta(days=40))  # beyond the window
    EventFactory(starts_at=now - timedelta(days=1))  # past
    EventFactory(starts_at=now + timedelta(days=5), registration_closes_at=now - timedelta(hours=1))
    EventFactory(starts_at=now + timedelta(days=6), registration_opens_at=now + timedelta(days=1))
    EventFactory(starts_at=now + timedelta(days=7), registration_enabled=False)

    events = list(upcoming_open_for_registration(now, days=30))

    assert events == [soon, members_soon]
