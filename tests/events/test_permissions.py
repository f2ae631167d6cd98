"""Registering, cancelling and the private calendar for each kind of person: anonymous,
a user in no firm, users of two different member firms, and a coordinator."""

import pytest

from events import services
from events.models import Registration
from tests.factories.events import EventFactory, MembersOnlyEventFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status


def _login(client, request, who):
    if who == "anonymous":
        return None
    user = request.getfixturevalue(who)
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    ("who", "factory", "status", "registered"),
    [
        # anonymous people use the guest form; an empty one is shown again with errors (400)
        ("anonymous", EventFactory, 400, False),
        ("outsider", EventFactory, 302, True),
        ("member_user", EventFactory, 302, True),
        ("other_member_user", EventFactory, 302, True),
        ("coordinator", EventFactory, 302, True),
        ("anonymous", MembersOnlyEventFactory, 302, False),
        ("outsider", MembersOnlyEventFactory, 403, False),
        ("member_user", MembersOnlyEventFactory, 302, True),
        ("other_member_user", MembersOnlyEventFactory, 302, True),
        ("coordinator", MembersOnlyEventFactory, 302, True),
    ],
)
def test_register_permissions(client, request, who, factory, status, registered):
    event = factory()
    user = _login(client, request, who)

    response = client.post(f"/en/events/{event.slug}/register/")

    assert response.status_code == status
    expected = [(user.pk, Status.CONFIRMED)] if registered else []
    assert list(event.registrations.values_list("user", "status")) == expected


@pytest.mark.parametrize(
    ("who", "factory", "status", "cancelled"),
    [
        ("anonymous", EventFactory, 302, False),
        ("outsider", EventFactory, 404, False),
        ("member_user", EventFactory, 302, True),
        ("other_member_user", EventFactory, 404, False),
        ("coordinator", EventFactory, 404, False),
        ("anonymous", MembersOnlyEventFactory, 302, False),
        ("outsider", MembersOnlyEventFactory, 403, False),
        ("member_user", MembersOnlyEventFactory, 302, True),
        ("other_member_user", MembersOnlyEventFactory, 404, False),
        ("coordinator", MembersOnlyEventFactory, 404, False),
    ],
)
def test_cancel_permissions_touch_only_ones_own_registration(
    client, request, member_user, who, factory, status, cancelled
):
    event = factory()
    registration = services.register_user(event=event, user=member_user)
    _login(client, request, who)

    response = client.post(f"/en/events/{event.slug}/cancel/")

    registration.refresh_from_db()
    assert response.status_code == status
    assert registration.status == (Status.CANCELLED if cancelled else Status.CONFIRMED)


@pytest.mark.parametrize(
    ("who", "get_status", "post_status"),
    [
        ("anonymous", 302, 302),
        ("outsider", 403, 403),
        ("member_user", 200, 302),
        ("other_member_user", 200, 302),
        ("coordinator", 200, 302),
    ],
)
def test_my_calendar_permissions_for_everyone(client, request, who, get_status, post_status):
    _login(client, request, who)

    assert client.get("/en/events/my-calendar/").status_code == get_status
    assert client.post("/en/events/my-calendar/").status_code == post_status


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member_user", "other_member_user", "coordinator"])
def test_private_feed_answers_the_token_not_the_session(client, request, member_user, who):
    members_only = MembersOnlyEventFactory()
    token = services.feed_token_for(user=member_user).token
    _login(client, request, who)

    response = client.get(f"/en/events/feed/{token}.ics")

    assert response.status_code == 200
    assert members_only.title_en in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member_user", "other_member_user", "coordinator"])
def test_guest_cancel_link_acts_only_with_a_valid_token(client, request, who):
    registration = EventFactory().registrations.create(name="Ann", email="ann@example.org", status=Status.CONFIRMED)
    _login(client, request, who)

    forged = client.post(f"/en/events/cancel/{registration.pk}/")
    untouched = Registration.objects.get(pk=registration.pk).status
    real = client.post(f"/en/events/cancel/{services.registration_token(registration, 'cancel')}/")

    assert (forged.status_code, untouched) == (400, Status.CONFIRMED)
    assert real.status_code == 200
    assert Registration.objects.get(pk=registration.pk).status == Status.CANCELLED
