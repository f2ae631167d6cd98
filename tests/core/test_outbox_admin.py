"""The outbox in the admin: read only, filtered and searched, a preview that runs nothing,
"Resend" for failed and sent rows, and one query budget for any number of rows."""

import pytest
from django.urls import reverse

from core import emails, outbox
from core.models import OutboundEmail
from tests.factories.accounts import CoordinatorFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
State = OutboundEmail.State
CHANGELIST = reverse("admin:core_outboundemail_changelist")


def stored(*, to="ann@example.org", state=State.SENT, context=None, kind="core/emails/test") -> OutboundEmail:
    message = emails.build_message(to=[to], template="core/emails/test", context=context or {}, language="en")
    email = outbox.store(message=message, kind=kind, language="en")
    OutboundEmail.objects.filter(pk=email.pk).update(state=state, last_error="boom" if state == State.FAILED else "")
    email.refresh_from_db()
    return email


@pytest.fixture
def coordinator_client(client):
    client.force_login(CoordinatorFactory(email="office@example.org"))
    return client


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("member", 302),
        ("other member's user", 302),
        ("staff without rights", 403),
        ("coordinator", 200),
    ],
)
def test_outbox_list_is_for_the_coordinator_only(client, who, status):
    users = {
        "member": lambda: MembershipFactory().user,
        "other member's user": lambda: MembershipFactory().user,
        "staff without rights": lambda: UserFactory(is_staff=True),
        "coordinator": CoordinatorFactory,
    }
    if who in users:
        client.force_login(users[who]())
    stored()

    response = client.get(CHANGELIST)

    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/admin/login/")


def test_outbox_list_filters_by_state_and_searches_by_recipient(coordinator_client):
    stored(to="ann@example.org", state=State.SENT)
    failed = stored(to="bob@example.org", state=State.FAILED)

    by_state = coordinator_client.get(CHANGELIST, {"state__exact": "failed"})
    by_recipient = coordinator_client.get(CHANGELIST, {"q": "bob@"})

    assert [e.pk for e in by_state.context["cl"].result_list] == [failed.pk]
    assert [e.pk for e in by_recipient.context["cl"].result_list] == [failed.pk]


def test_outbox_change_page_is_read_only_and_its_preview_runs_nothing(coordinator_client):
    email = stored(context={"name": '<script>alert("x")</script>'})

    response = coordinator_client.get(reverse("admin:core_outboundemail_change", args=[email.pk]))
    page = response.content.decode()

    assert response.status_code == 200
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page  # the text part, escaped
    assert '<iframe class="outbox-html" sandbox="" title="Wiadomość jako HTML" srcdoc="' in page  # in Polish
    assert 'name="_save"' not in page


def test_resend_queues_failed_and_sent_rows_again(coordinator_client, smtp_server, django_capture_on_commit_callbacks):
    failed = stored(to="failed@example.org", state=State.FAILED)
    sent = stored(to="sent@example.org", state=State.SENT)
    queued = stored(to="queued@example.org", state=State.QUEUED)

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            CHANGELIST,
            {"action": "resend", "_selected_action": [failed.pk, sent.pk, queued.pk]},
            follow=True,
        )

    assert [str(m) for m in response.context["messages"]] == [
        "2 wiadomości ponownie dodane do kolejki."
    ]  # the coordinator reads Polish
    assert sorted(m["To"] for m in smtp_server.wait_for(2)) == ["failed@example.org", "sent@example.org"]
    states = dict(OutboundEmail.objects.values_list("pk", "state"))
    assert states == {failed.pk: State.SENT, sent.pk: State.SENT, queued.pk: State.QUEUED}
    assert OutboundEmail.objects.get(pk=failed.pk).last_error == ""


def test_resend_is_refused_to_staff_without_the_right(client):
    client.force_login(UserFactory(is_staff=True))
    failed = stored(state=State.FAILED)

    response = client.post(CHANGELIST, {"action": "resend", "_selected_action": [failed.pk]})

    assert response.status_code == 403
    assert OutboundEmail.objects.get(pk=failed.pk).state == State.FAILED


@pytest.mark.parametrize("count", [5, 50])
def test_outbox_list_query_budget(coordinator_client, django_assert_num_queries, count):
    for index in range(count):
        stored(to=f"person{index}@example.org", kind=f"kind/{index % 3}")
    coordinator_client.get(CHANGELIST)  # warm the session and permission caches

    with django_assert_num_queries(8):
        response = coordinator_client.get(CHANGELIST)

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == min(count, 50)
