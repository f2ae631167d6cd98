import re
from datetime import timedelta

import pytest

from core.models import OutboundEmail
from productions import services
from productions.models import LeadAlertPreference, LeadResponse
from tests.factories.accounts import MembershipFactory
from tests.factories.productions import DraftLeadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(categories):
    return DraftLeadFactory(title_en="Mountain Echo", title_pl="Górskie echo", services_needed=[categories["sound"]])


def _publish(draft, coordinator, capture):
    with capture(execute=True):
        return services.lead_publish(lead=draft, user=coordinator)


def _answer_links(message):
    return dict(re.findall(r"^(Interested|Not available|Needs more information): (\S+)$", message.body, re.M))


def test_publish_alerts_users_of_matching_firms_who_want_alerts(
    draft, firm, member_user, other_user, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    quiet = MembershipFactory(member=firm, user__email="quiet@example.org").user
    LeadAlertPreference.objects.create(user=quiet, instant_lead_alerts=False)
    polish = MembershipFactory(member=firm, user__email="polish@example.org", user__preferred_language="pl").user

    sent = _publish(draft, coordinator, django_capture_on_commit_callbacks)

    draft.refresh_from_db()
    assert draft.published_at is not None
    assert sent == 2
    assert sorted(m.to[0] for m in mailoutbox) == [member_user.email, polish.email]
    english = next(m for m in mailoutbox if m.to == [member_user.email])
    assert english.subject == "New production lead for Sound Studio Alpha: Mountain Echo"
    assert sorted(_answer_links(english)) == ["Interested", "Needs more information", "Not available"]
    assert all(
        url.startswith("http://127.0.0.1:8000/en/productions/answer/") for url in _answer_links(english).values()
    )
    polish_mail = next(m for m in mailoutbox if m.to == [polish.email])
    assert "Górskie echo" in polish_mail.subject
    assert "/pl/productions/answer/" in polish_mail.body


def test_publishing_twice_alerts_once(
    draft, firm, member_user, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    _publish(draft, coordinator, django_capture_on_commit_callbacks)
    again = _publish(draft, coordinator, django_capture_on_commit_callbacks)

    assert again == 0
    assert len(mailoutbox) == 1


def test_one_click_answer_get_records_nothing_and_post_records_without_login(
    client, draft, firm, member_user, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    _publish(draft, coordinator, django_capture_on_commit_callbacks)
    path = _answer_links(mailoutbox[0])["Not available"].removeprefix("http://127.0.0.1:8000")

    page = client.get(path)
    assert page.status_code == 200
    assert LeadResponse.objects.count() == 0
    assert "Confirm: Not available" in page.content.decode()

    done = client.post(path)
    again = client.post(path)

    assert (done.status_code, again.status_code) == (200, 200)
    assert list(LeadResponse.objects.values_list("member_id", "user_id", "status", "channel")) == [
        (firm.pk, member_user.pk, "not_available", "email")
    ]


def test_one_click_answer_then_site_toggle_share_one_row(
    client, draft, firm, member_user, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    _publish(draft, coordinator, django_capture_on_commit_callbacks)
    client.post(_answer_links(mailoutbox[0])["Needs more information"].removeprefix("http://127.0.0.1:8000"))
    client.force_login(member_user)

    client.post(f"/en/productions/{draft.pk}/interest/", {"member": firm.pk, "note": "Now we know"})

    assert list(LeadResponse.objects.values_list("status", "note")) == [("interested", "Now we know")]


@pytest.mark.parametrize("tamper", ["forged", "expired", "left-firm", "firm-suspended", "unknown-answer"])
def test_one_click_answer_refuses_invalid_tokens(client, draft, firm, member_user, coordinator, monkeypatch, tamper):
    services.lead_publish(lead=draft, user=coordinator)
    answer = "maybe" if tamper == "unknown-answer" else LeadResponse.Status.INTERESTED
    token = services.answer_token(draft, firm, member_user, answer)
    if tamper == "forged":
        token = token.replace(":", "x:", 1)
    elif tamper == "expired":
        monkeypatch.setattr(services, "ANSWER_MAX_AGE", timedelta(seconds=-1))
    elif tamper == "left-firm":
        member_user.memberships.all().delete()
    elif tamper == "firm-suspended":
        firm.status = "suspended"
        firm.save()

    response = client.post(f"/en/productions/answer/{token}/")

    assert response.status_code == 400
    assert "This link is no longer valid" in response.content.decode()
    assert LeadResponse.objects.count() == 0


def test_alert_preference_can_be_turned_off(client, member_user):
    client.force_login(member_user)

    response = client.post("/en/productions/alerts/", {})

    assert response.status_code == 302
    assert LeadAlertPreference.objects.get(user=member_user).instant_lead_alerts is False


@pytest.mark.parametrize("users", [1, 6])
def test_publish_query_count_does_not_grow_with_recipients(
    draft, firm, coordinator, users, mailoutbox, django_assert_num_queries, django_capture_on_commit_callbacks
):
    for i in range(users):
        MembershipFactory(member=firm, user__email=f"crew{i}@example.org", user__preferred_language="pl" if i else "en")

    # savepoint, lock the lead, save it, its needed services, the needed ids for
    # matching, the recipients (memberships of matching firms, opted-out users
    # excluded, in one query), release; and the alerts' outbox rows (one INSERT for
    # all: every email is a row before it is sent, core.emails.queue_emails)
    with django_assert_num_queries(8), django_capture_on_commit_callbacks() as callbacks:
        sent = services.lead_publish(lead=draft, user=coordinator)

    # one alert per recipient, queued by one callback, and one bump of the productions'
    # cache generation
    assert (sent, len(callbacks)) == (users, 2)
    assert OutboundEmail.objects.filter(kind="productions/emails/lead_alert").count() == users
