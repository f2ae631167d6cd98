import datetime as dt

import pytest

from digests.models import DigestDelivery, Frequency
from digests.periods import previous_period
from tests.factories.accounts import CoordinatorFactory, UserFactory
from tests.factories.digests import DigestDeliveryFactory, joined_member, member_user

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/digests/digestdelivery/"
PREVIEW = "/admin/digests/digestdelivery/preview/"
SEND_TEST = "/admin/digests/digestdelivery/send-test/"
State = DigestDelivery.State


@pytest.fixture
def coordinator(client):
    user = CoordinatorFactory(email="office@example.org")
    client.force_login(user)
    return user


@pytest.fixture
def news_of_the_week():
    week = previous_period(Frequency.WEEKLY)
    return joined_member(at=week.starts_at + dt.timedelta(days=1), name="Fresh Frames Studio")


@pytest.mark.parametrize("url", [CHANGELIST, PREVIEW])
@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_digest_admin_pages_need_a_coordinator(client, url, who):
    if who == "member":
        client.force_login(member_user())

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_delivery_log_filters_by_period_and_state(client, coordinator):
    sent = DigestDeliveryFactory(user=UserFactory(email="sent@example.org"), state=State.SENT)
    DigestDeliveryFactory(user=UserFactory(email="failed@example.org"), state=State.FAILED)
    DigestDeliveryFactory(
        user=UserFactory(email="older@example.org"),
        period_start=dt.date(2026, 11, 9),
        period_end=dt.date(2026, 11, 16),
        state=State.SENT,
    )

    response = client.get(CHANGELIST, {"period": "weekly:2026-11-16", "state__exact": "sent"})

    assert response.status_code == 200
    assert [d.pk for d in response.context["cl"].result_list] == [sent.pk]


def test_resend_action_requeues_failed_deliveries_only(
    client, coordinator, mailoutbox, news_of_the_week, django_capture_on_commit_callbacks
):
    week = previous_period(Frequency.WEEKLY)
    failed = DigestDeliveryFactory(
        user=member_user(email="failed@example.org"), period_start=week.start, period_end=week.end,
        state=State.FAILED, last_error="SMTPDataError(451)",
    )  # fmt: skip
    sent = DigestDeliveryFactory(user=member_user(), period_start=week.start, period_end=week.end, state=State.SENT)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CHANGELIST, {"action": "resend", "_selected_action": [failed.pk, sent.pk]}, follow=True)

    assert response.status_code == 200
    failed.refresh_from_db()
    assert (failed.state, failed.last_error) == (State.SENT, "")
    assert [m.to for m in mailoutbox] == [["failed@example.org"]]


def test_preview_shows_the_digest_a_user_would_get_now(client, coordinator, news_of_the_week):
    member_user(email="anna@example.org")

    response = client.get(PREVIEW, {"email": "anna@example.org", "frequency": "weekly"})

    assert response.status_code == 200
    digest = response.context["digest"]
    assert digest["message"]["to"] == ["anna@example.org"]
    assert "Fresh Frames Studio" in digest["message"]["text"]
    assert "Fresh Frames Studio" in response.content.decode()


def test_preview_says_when_a_user_would_get_nothing(client, coordinator):
    member_user(email="anna@example.org")

    response = client.get(PREVIEW, {"email": "anna@example.org"}, headers={"accept-language": "en"})

    assert response.context["digest"] is None
    assert "no digest would be sent now" in response.content.decode()


def test_send_me_a_test_digest_mails_the_coordinator(
    client, coordinator, mailoutbox, news_of_the_week, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SEND_TEST)

    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["office@example.org"]]
    assert "Fresh Frames Studio" in mailoutbox[0].body
    assert mailoutbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert DigestDelivery.objects.count() == 0


def test_send_test_digest_refuses_get(client, coordinator):
    assert client.get(SEND_TEST).status_code == 405


def test_coordinator_edits_a_users_digest_preference(client, coordinator):
    user = member_user()

    response = client.post(
        "/admin/digests/digestpreference/add/", {"user": user.pk, "frequency": "monthly", "sections": ["news", "calls"]}
    )

    assert response.status_code == 302
    assert (user.digest_preference.frequency, user.digest_preference.sections) == ("monthly", ["news", "calls"])


def test_delivery_detail_shows_what_the_digest_held(client, coordinator):
    delivery = DigestDeliveryFactory(
        state=State.SENT,
        summary={"leads": {"count": 2, "titles": ["Quiet <Valley>", "Harbour"], "matching": ["Quiet <Valley>"]}},
    )

    response = client.get(f"{CHANGELIST}{delivery.pk}/change/", headers={"accept-language": "en"})

    assert response.status_code == 200
    assert (
        "<li><strong>Production leads</strong> (2): ★ Quiet &lt;Valley&gt;; Harbour</li>" in response.content.decode()
    )


@pytest.mark.parametrize("url", [PREVIEW, SEND_TEST])
def test_staff_without_digest_permission_cannot_preview_or_send(client, url):
    client.force_login(UserFactory(is_staff=True))

    response = client.post(url) if url == SEND_TEST else client.get(url)

    assert response.status_code == 403


def test_preview_of_an_unknown_address_says_so_next_to_the_field_and_keeps_it(client, coordinator):
    response = client.get(PREVIEW, {"email": "nobody@example.org"}, headers={"accept-language": "en"})

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {"email": ["No user has this email address."]}
    assert 'value="nobody@example.org"' in html
    assert response.context["digest"] is None


@pytest.mark.parametrize("frequency", ["<script>", "off", "hourly"])
def test_preview_with_an_unknown_frequency_says_so_instead_of_failing(client, coordinator, frequency):
    member_user(email="anna@example.org")

    response = client.get(
        PREVIEW, {"email": "anna@example.org", "frequency": frequency}, headers={"accept-language": "en"}
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["frequency"]
    assert response.context["digest"] is None


def _who(kind):
    from tests.desk.conftest import ensure_coordinator_group

    if kind == "member":
        return member_user()
    if kind == "other_firms_member":
        return member_user()
    if kind == "staff_outside_the_group":
        return UserFactory(is_staff=True)
    if kind == "coordinator":
        user = UserFactory(is_staff=True)
        user.groups.add(ensure_coordinator_group())
        return user
    return None


# (method, url, coordinator's status): the coordinator is staff in the "Coordinator"
# group, not a superuser; the test digest redirects back to the log.
DIGEST_ADMIN_PAGES = [
    ("get", CHANGELIST, 200),
    ("get", PREVIEW, 200),
    ("post", SEND_TEST, 302),
    ("get", "/admin/digests/digestpreference/", 200),
    ("get", "/admin/digests/digestpreference/add/", 200),
    ("get", "{delivery}", 200),
]


@pytest.mark.parametrize(("method", "url", "allowed"), DIGEST_ADMIN_PAGES)
@pytest.mark.parametrize("who", ["anonymous", "member", "other_firms_member", "staff_outside_the_group", "coordinator"])
def test_digest_admin_permission_matrix(client, method, url, allowed, who):
    user = _who(who)
    if user is not None:
        client.force_login(user)
    delivery = DigestDeliveryFactory(state=State.FAILED)

    response = getattr(client, method)(url.format(delivery=f"{CHANGELIST}{delivery.pk}/change/"))

    if who == "coordinator":
        assert response.status_code == allowed
    elif who == "staff_outside_the_group":
        assert response.status_code == 403
    else:
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")


def test_resend_by_a_coordinator_who_is_not_a_superuser(client, mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(_who("coordinator"))
    failed = DigestDeliveryFactory(user=member_user(), state=State.FAILED)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CHANGELIST, {"action": "resend", "_selected_action": [failed.pk]})

    failed.refresh_from_db()
    assert response.status_code == 302
    # Queued and claimed again; with nothing new in the portal it ends skipped, not failed.
    assert (failed.state, failed.attempts) == (State.SKIPPED, 1)
