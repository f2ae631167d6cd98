"""Deadline reminders of calls and tenders: 14 and 3 days before, exactly once per firm,
call, reminder and deadline, to the firm's users in their language; a moved deadline
is announced again, a firm that stops applying hears nothing more."""

import datetime as dt
import threading
import time
from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone

from cooperation import services
from cooperation.models import CallParticipation, CallReminder, CooperationPreference
from cooperation.tasks import send_call_reminders
from members.models import Member
from news.models import Post
from tests.conftest import start_worker
from tests.factories.accounts import MembershipFactory
from tests.factories.cooperation import CallParticipationFactory
from tests.factories.news import CallFactory

NOW = dt.datetime(2027, 3, 1, 9, 20, tzinfo=dt.UTC)


def _run(capture, now):
    with capture(execute=True):
        return services.send_call_reminders(now=now)


@pytest.fixture
def call(db):
    return CallFactory(
        title_en="EU call for creative industries",
        title_pl="Nabór UE dla przemysłów kreatywnych",
        slug="eu-call",
        published_at=NOW - dt.timedelta(days=30),
        deadline=NOW + dt.timedelta(days=13, hours=5),
    )


@pytest.fixture
def applying(call, firm, author, colleague):
    colleague.preferred_language = "pl"
    colleague.save()
    return CallParticipationFactory(call=call, member=firm, status=CallParticipation.Status.APPLYING)


@pytest.mark.django_db
def test_the_14_day_reminder_goes_once_to_each_user_of_the_firm_in_their_language(
    applying, author, colleague, mailoutbox, django_capture_on_commit_callbacks
):
    first = _run(django_capture_on_commit_callbacks, NOW)
    second = _run(django_capture_on_commit_callbacks, NOW + dt.timedelta(hours=1))

    assert (first, second) == (1, 0)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([author.email, colleague.email])
    english = next(m for m in mailoutbox if m.to == [author.email])
    assert english.subject == "Deadline in 13 days: EU call for creative industries"
    assert "Sound Studio Alpha marked it as: Applying." in english.body
    assert "http://127.0.0.1:8000/en/news/eu-call/" in english.body
    assert english.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert [mime for _content, mime in english.alternatives] == ["text/html"]
    polish = next(m for m in mailoutbox if m.to == [colleague.email])
    assert polish.subject == "Termin za 13 dni: Nabór UE dla przemysłów kreatywnych"
    assert "http://127.0.0.1:8000/pl/news/eu-call/" in polish.body
    assert list(CallReminder.objects.values_list("kind", "recipients")) == [("14d", 2)]


@pytest.mark.django_db
def test_the_3_day_reminder_follows_and_each_goes_once(applying, call, mailoutbox, django_capture_on_commit_callbacks):
    _run(django_capture_on_commit_callbacks, NOW)
    three_days_before = call.deadline - dt.timedelta(days=2, hours=20)
    _run(django_capture_on_commit_callbacks, three_days_before)
    _run(django_capture_on_commit_callbacks, three_days_before + dt.timedelta(hours=1))
    _run(django_capture_on_commit_callbacks, call.deadline + dt.timedelta(hours=1))  # after the deadline

    assert Counter(CallReminder.objects.values_list("kind", flat=True)) == Counter({"14d": 1, "3d": 1})
    assert len(mailoutbox) == 4  # two users, two reminders
    assert sum("Deadline in 2 days" in m.subject for m in mailoutbox) == 1
    assert sum("Termin za 2 dni" in m.subject for m in mailoutbox) == 1  # the Polish colleague


@pytest.mark.django_db
def test_nothing_is_sent_before_the_14_day_window(applying, call, mailoutbox, django_capture_on_commit_callbacks):
    assert _run(django_capture_on_commit_callbacks, call.deadline - dt.timedelta(days=15)) == 0
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_firm_marking_a_call_late_gets_only_the_3_day_reminder(
    applying, call, mailoutbox, django_capture_on_commit_callbacks
):
    _run(django_capture_on_commit_callbacks, call.deadline - dt.timedelta(days=2))

    assert list(CallReminder.objects.values_list("kind", flat=True)) == ["3d"]


@pytest.mark.django_db
def test_a_duplicated_beat_run_at_the_same_moment_sends_each_reminder_once(
    applying, call, author, colleague, mailoutbox, django_capture_on_commit_callbacks
):
    # Two beat processes firing the same schedule: the second finds the claimed row.
    with django_capture_on_commit_callbacks(execute=True):
        counts = [services.send_call_reminders(now=NOW), services.send_call_reminders(now=NOW)]

    assert counts == [1, 0]
    assert Counter(m.to[0] for m in mailoutbox) == Counter({author.email: 1, colleague.email: 1})


@pytest.mark.django_db(transaction=True)
def test_two_beat_runs_in_parallel_claim_each_reminder_once(call, firm, author, colleague, other_firm, helper):
    CallParticipationFactory(call=call, member=firm, status=CallParticipation.Status.APPLYING)
    CallParticipationFactory(call=call, member=other_firm, status=CallParticipation.Status.INTERESTED)
    start = threading.Barrier(2)
    results = []

    def beat():
        try:
            start.wait()
            results.append(services.send_call_reminders(now=NOW))
        finally:
            connection.close()

    threads = [threading.Thread(target=beat) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) in ([0, 2], [1, 1])  # two reminders claimed, in total, once each
    assert sum(results) == 2
    assert sorted(CallReminder.objects.values_list("member__name", "kind")) == [
        ("Colour Beta", "14d"),
        ("Sound Studio Alpha", "14d"),
    ]


@pytest.mark.django_db
def test_a_deadline_moved_later_after_the_reminder_is_announced_again_for_the_new_date(
    applying, call, author, mailoutbox, django_capture_on_commit_callbacks
):
    _run(django_capture_on_commit_callbacks, NOW)
    old_deadline = call.deadline
    Post.objects.filter(pk=call.pk).update(deadline=old_deadline + dt.timedelta(days=20))
    call.refresh_from_db()

    # The old date's window again: nothing, the new date is 33 days away.
    assert _run(django_capture_on_commit_callbacks, NOW + dt.timedelta(days=1)) == 0
    # 14 days before the new date: the 14-day reminder again, saying the date changed.
    assert _run(django_capture_on_commit_callbacks, call.deadline - dt.timedelta(days=13)) == 1
    assert _run(django_capture_on_commit_callbacks, call.deadline - dt.timedelta(days=12)) == 0

    mine = [m for m in mailoutbox if m.to == [author.email]]
    assert len(mine) == 2
    assert "The deadline has changed since our last reminder" not in mine[0].body
    assert "The deadline has changed since our last reminder; it was" in mine[1].body
    assert sorted(CallReminder.objects.values_list("deadline", flat=True)) == [old_deadline, call.deadline]


@pytest.mark.django_db
def test_a_deadline_moved_earlier_after_the_14_day_reminder_brings_the_3_day_one(
    applying, call, author, mailoutbox, django_capture_on_commit_callbacks
):
    _run(django_capture_on_commit_callbacks, NOW)
    Post.objects.filter(pk=call.pk).update(deadline=NOW + dt.timedelta(days=4, hours=2))

    assert _run(django_capture_on_commit_callbacks, NOW + dt.timedelta(days=1, hours=6)) == 1

    assert list(CallReminder.objects.order_by("sent_at").values_list("kind", flat=True)) == ["14d", "3d"]
    last = [m for m in mailoutbox if m.to == [author.email]][-1]
    assert "The deadline has changed since our last reminder" in last.body


@pytest.mark.django_db
@pytest.mark.parametrize("stop", ["submitted", "won", "lost", "unmark", "suspended"], ids=lambda s: f"firm-{s}")
def test_a_firm_that_stops_applying_gets_no_more_reminders(
    applying, call, firm, mailoutbox, django_capture_on_commit_callbacks, stop
):
    _run(django_capture_on_commit_callbacks, NOW)
    sent = len(mailoutbox)
    if stop == "unmark":
        services.call_unmark(call=call, member=firm)
    elif stop == "suspended":
        Member.objects.filter(pk=firm.pk).update(status=Member.Status.SUSPENDED)
    else:
        CallParticipation.objects.filter(pk=applying.pk).update(status=stop)

    assert _run(django_capture_on_commit_callbacks, call.deadline - dt.timedelta(days=2)) == 0
    assert len(mailoutbox) == sent == 2
    assert list(CallReminder.objects.values_list("kind", flat=True)) == ["14d"]


@pytest.mark.django_db
def test_a_user_who_turned_reminders_off_is_left_out(
    applying, author, colleague, mailoutbox, django_capture_on_commit_callbacks
):
    CooperationPreference.objects.create(user=colleague, call_reminders=False)

    _run(django_capture_on_commit_callbacks, NOW)

    assert [m.to[0] for m in mailoutbox] == [author.email]


@pytest.mark.django_db
def test_a_scheduled_call_reminds_nobody(applying, call, mailoutbox, django_capture_on_commit_callbacks):
    Post.objects.filter(pk=call.pk).update(published_at=NOW + dt.timedelta(days=1))

    assert _run(django_capture_on_commit_callbacks, NOW) == 0


# --- The real path: beat's task on a Celery worker, mail through SMTP -------------------


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_the_beat_task_queued_twice_to_two_worker_processes_sends_each_reminder_once(
    smtp_server, eager_off, firm, author, colleague, other_firm, helper
):
    call = CallFactory(deadline=timezone.now() + dt.timedelta(days=10), title_en="Regional film fund")
    CallParticipationFactory(call=call, member=firm, status=CallParticipation.Status.APPLYING)
    CallParticipationFactory(call=call, member=other_firm, status=CallParticipation.Status.INTERESTED)
    MembershipFactory(member=other_firm, user__email="beta2@example.org")
    worker = start_worker(email_url=smtp_server.url, concurrency=2)
    try:
        results = [send_call_reminders.delay() for _ in range(3)]
        claimed = [result.get(timeout=60) for result in results]
        smtp_server.wait_for(4, timeout=60)
        time.sleep(1.5)  # anything extra would arrive now
    finally:
        worker.stop()
        worker.log_path.unlink(missing_ok=True)

    assert sum(claimed) == 2
    assert Counter(m["To"] for m in smtp_server.messages) == Counter(
        {author.email: 1, colleague.email: 1, helper.email: 1, "beta2@example.org": 1}
    )
    message = smtp_server.to(author.email)[0]
    assert str(message["Subject"]) == "Deadline in 9 days: Regional film fund"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
