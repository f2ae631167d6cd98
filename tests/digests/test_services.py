"""Planning and sending in-process (locmem mail); the worker path is in test_pipeline."""

import datetime as dt
from email.header import decode_header, make_header

import pytest

from digests import services
from digests.models import DigestDelivery, Frequency
from digests.periods import previous_period
from members.models import Member
from tests.factories.accounts import UserFactory
from tests.factories.digests import DigestPreferenceFactory, joined_member, member_user
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db
State = DigestDelivery.State


@pytest.fixture
def week():
    return previous_period(Frequency.WEEKLY)


@pytest.fixture
def news_of_the_week(week):
    return joined_member(at=week.starts_at + dt.timedelta(days=1), name="Fresh Frames Studio")


def decoded(subject: str) -> str:
    """The subject as a mail client shows it (the batch hands Django encoded words)."""
    return str(make_header(decode_header(subject)))


def _plan_and_send(frequency=Frequency.WEEKLY):
    _period, batches = services.plan_deliveries(frequency=frequency)
    return [services.send_batch(delivery_ids=ids) for ids in batches]


def test_plan_deliveries_creates_one_row_per_weekly_subscriber_and_is_idempotent(week):
    subscribed = [member_user(), member_user()]
    DigestPreferenceFactory(user=member_user(), frequency=Frequency.OFF)
    DigestPreferenceFactory(user=member_user(), frequency=Frequency.DAILY)
    UserFactory()  # not at any member firm
    suspended = member_user()
    Member.objects.filter(memberships__user=suspended).update(status=Member.Status.SUSPENDED)

    services.plan_deliveries(frequency=Frequency.WEEKLY)
    services.plan_deliveries(frequency=Frequency.WEEKLY)

    rows = DigestDelivery.objects.filter(frequency=Frequency.WEEKLY)
    assert sorted(rows.values_list("user_id", flat=True)) == sorted(u.pk for u in subscribed)
    assert set(rows.values_list("period_start", "period_end", "state")) == {(week.start, week.end, State.PENDING)}


def test_plan_deliveries_skips_users_without_a_verified_address():
    member_user(verified=False)

    services.plan_deliveries(frequency=Frequency.WEEKLY)

    assert DigestDelivery.objects.count() == 0


def test_send_batch_sends_digest_with_content_and_marks_it_sent(mailoutbox, news_of_the_week):
    user = member_user(name="Anna Nowak")

    results = _plan_and_send()

    delivery = DigestDelivery.objects.get(user=user)
    assert (delivery.state, delivery.attempts, delivery.locked_until) == (State.SENT, 1, None)
    assert delivery.summary == {"members": {"count": 1, "titles": ["Fresh Frames Studio"], "matching": []}}
    assert [r.sent for r in results] == [1]
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [user.email]
    assert decoded(message.subject).startswith("Krakow Film Cluster · weekly digest · ")
    assert delivery.subject == decoded(message.subject)
    assert "Fresh Frames Studio" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/en/digest/unsubscribe/")


def test_send_batch_writes_in_the_recipients_language(mailoutbox, news_of_the_week):
    member_user(preferred_language="pl")

    _plan_and_send()

    assert decoded(mailoutbox[0].subject).startswith("Krakowski Klaster Filmowy · ")
    assert "/pl/digest/unsubscribe/" in mailoutbox[0].extra_headers["List-Unsubscribe"]


def test_send_batch_skips_a_digest_with_nothing_in_it(mailoutbox, news_of_the_week):
    user = member_user()
    DigestPreferenceFactory(user=user, sections=["events"])

    _plan_and_send()

    assert DigestDelivery.objects.get(user=user).state == State.SKIPPED
    assert mailoutbox == []


def test_send_batch_twice_with_the_same_ids_sends_once(mailoutbox, news_of_the_week):
    member_user()
    _period, batches = services.plan_deliveries(frequency=Frequency.WEEKLY)

    first = services.send_batch(delivery_ids=batches[0])
    second = services.send_batch(delivery_ids=batches[0])

    assert (first.sent, second.claimed, second.sent) == (1, 0, 0)
    assert len(mailoutbox) == 1


def test_send_batch_leaves_rows_claimed_by_another_worker_alone(mailoutbox, news_of_the_week):
    member_user()
    _period, batches = services.plan_deliveries(frequency=Frequency.WEEKLY)
    services.claim(batches[0])  # another worker holds the lease

    result = services.send_batch(delivery_ids=batches[0])

    assert (result.claimed, len(mailoutbox)) == (0, 0)


def test_sweep_requeues_pending_rows_whose_lease_ran_out(news_of_the_week):
    member_user()
    _period, batches = services.plan_deliveries(frequency=Frequency.WEEKLY)
    services.claim(batches[0])

    assert services.sweep_stale() == []  # the lease still holds
    assert services.sweep_stale(stale_after_seconds=0) == batches
    assert DigestDelivery.objects.get().locked_until is None


def test_resend_failed_puts_only_failed_rows_back_to_pending(news_of_the_week):
    failed = DigestDelivery.objects.create(
        user=member_user(), frequency="weekly", period_start=dt.date(2026, 1, 5), period_end=dt.date(2026, 1, 12),
        state=State.FAILED,
    )  # fmt: skip
    sent = DigestDelivery.objects.create(
        user=member_user(), frequency="weekly", period_start=dt.date(2026, 1, 5), period_end=dt.date(2026, 1, 12),
        state=State.SENT,
    )  # fmt: skip

    ids = services.resend_failed(deliveries=[failed, sent])

    assert ids == [failed.pk]
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert (failed.state, sent.state) == (State.PENDING, State.SENT)


@pytest.mark.parametrize("recipients", [5, 50])
def test_send_batch_queries_do_not_grow_with_recipients(recipients, mailoutbox, news_of_the_week):
    firms = [MemberFactory() for _ in range(3)]
    for n in range(recipients):
        member_user(member=firms[n % 3])
    _period, batches = services.plan_deliveries(frequency=Frequency.WEEKLY)

    result = services.send_batch(delivery_ids=batches[0])

    # Fixed per batch (claim, recipients, services, previous digests, content, the
    # branding record on a cold cache), plus one UPDATE per message marking it sent.
    assert result.sent == recipients
    assert result.queries - result.sent == 18


def test_send_batch_skips_a_user_who_unsubscribed_after_planning(mailoutbox, news_of_the_week):
    user = member_user()
    _period, batches = services.plan_deliveries(frequency=Frequency.WEEKLY)
    services.unsubscribe(user=user)

    services.send_batch(delivery_ids=batches[0])

    assert DigestDelivery.objects.get(user=user).state == State.SKIPPED
    assert mailoutbox == []


def test_beat_schedule_runs_the_planner_at_seven_in_warsaw(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE

    assert settings.CELERY_TIMEZONE == "Europe/Warsaw"
    assert {
        name: entry["kwargs"] for name, entry in schedule.items() if name.startswith("digests-") and "kwargs" in entry
    } == {
        "digests-daily": {"frequency": "daily"},
        "digests-weekly": {"frequency": "weekly"},
        "digests-monthly": {"frequency": "monthly"},
    }
    weekly = schedule["digests-weekly"]["schedule"]
    assert (weekly.hour, weekly.minute, weekly.day_of_week) == ({7}, {0}, {1})
    assert schedule["digests-monthly"]["schedule"].day_of_month == {1}
    assert schedule["digests-sweep"]["task"] == "digests.tasks.sweep_stale_deliveries"
