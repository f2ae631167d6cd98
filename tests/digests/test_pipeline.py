"""The real path: a Celery worker process on Redis sending to a real SMTP server on
loopback. Exactly one digest per recipient and period, whatever goes wrong."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter

import psutil
import pytest

from digests import services
from digests.models import DigestDelivery, Frequency
from digests.periods import previous_period
from digests.tasks import plan_digests, send_digest_batch, sweep_stale_deliveries
from tests.conftest import start_worker
from tests.factories.digests import DigestPreferenceFactory, joined_member, member_user

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
State = DigestDelivery.State


def wait_until(condition, timeout: float = 90, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {message}")


def nothing_pending() -> bool:
    return not DigestDelivery.objects.filter(state__in=[State.PENDING, State.SENDING]).exists()


def recipients_of(sink) -> Counter:
    return Counter(message["To"] for message in sink.messages)


@pytest.fixture
def news_of_the_week():
    week = previous_period(Frequency.WEEKLY)
    return joined_member(at=week.starts_at + dt.timedelta(days=2), name="Fresh Frames Studio")


@pytest.fixture
def worker_on_sink(smtp_server, eager_off):
    workers = []

    def start(**kwargs):
        worker = start_worker(email_url=smtp_server.url, **kwargs)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop(kill=True)
        worker.log_path.unlink(missing_ok=True)


def test_weekly_run_sends_one_digest_to_each_subscriber_with_content(smtp_server, worker_on_sink, news_of_the_week):
    subscribed = [member_user(), member_user(preferred_language="pl"), member_user()]
    DigestPreferenceFactory(user=subscribed[2], sections=["members"])
    opted_out = member_user()
    DigestPreferenceFactory(user=opted_out, frequency=Frequency.OFF)
    daily = member_user()
    DigestPreferenceFactory(user=daily, frequency=Frequency.DAILY)
    nothing_new = member_user()
    DigestPreferenceFactory(user=nothing_new, sections=["events", "calls"])
    worker_on_sink()

    plan_digests.delay(frequency=Frequency.WEEKLY)
    wait_until(lambda: DigestDelivery.objects.count() == 4 and nothing_pending(), message="the weekly run")
    time.sleep(1)  # anything extra would arrive now

    assert recipients_of(smtp_server) == Counter({user.email: 1 for user in subscribed})
    states = dict(DigestDelivery.objects.values_list("user_id", "state"))
    assert states == {**{u.pk: State.SENT for u in subscribed}, nothing_new.pk: State.SKIPPED}
    message = smtp_server.to(subscribed[0].email)[0]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    assert "Fresh Frames Studio" in message.get_body(("html",)).get_content()
    assert str(smtp_server.to(subscribed[1].email)[0]["Subject"]).strip().startswith("Krakowski Klaster Filmowy · ")


def test_beat_task_twice_and_redelivered_batches_send_no_duplicates(smtp_server, worker_on_sink, news_of_the_week):
    users = [member_user() for _ in range(12)]
    worker_on_sink(concurrency=2)

    plan_digests.delay(frequency=Frequency.WEEKLY)
    plan_digests.delay(frequency=Frequency.WEEKLY)
    wait_until(lambda: DigestDelivery.objects.count() == 12 and nothing_pending(), message="two beat runs")
    ids = list(DigestDelivery.objects.values_list("pk", flat=True))
    # The broker delivers the same batch again, twice, to two worker processes at once.
    redelivered = [send_digest_batch.delay(delivery_ids=ids) for _ in range(2)]
    outcomes = [result.get(timeout=60) for result in redelivered]

    assert [outcome["claimed"] for outcome in outcomes] == [0, 0]
    assert recipients_of(smtp_server) == Counter({user.email: 1 for user in users})
    assert set(DigestDelivery.objects.values_list("state", flat=True)) == {State.SENT}


def test_same_batch_queued_twice_before_sending_sends_each_digest_once(smtp_server, worker_on_sink, news_of_the_week):
    users = [member_user() for _ in range(20)]
    _period, batches = services.plan_deliveries(frequency=Frequency.WEEKLY)
    smtp_server.delay = 0.05
    worker_on_sink(concurrency=2)

    copies = [send_digest_batch.delay(delivery_ids=batches[0]) for _ in range(2)]
    outcomes = [result.get(timeout=60) for result in copies]

    # Between them the two copies sent each digest once, whichever claimed which rows.
    assert sum(outcome["sent"] for outcome in outcomes) == len(users)
    assert recipients_of(smtp_server) == Counter({user.email: 1 for user in users})


def test_smtp_failure_on_first_attempt_is_retried_and_ends_sent(smtp_server, worker_on_sink, news_of_the_week):
    users = [member_user() for _ in range(3)]
    smtp_server.fail_next = 1
    worker = worker_on_sink()

    plan_digests.delay(frequency=Frequency.WEEKLY)
    wait_until(lambda: DigestDelivery.objects.count() == 3 and nothing_pending(), message="the retried batch")

    assert recipients_of(smtp_server) == Counter({user.email: 1 for user in users})
    first = DigestDelivery.objects.get(user=users[0])
    assert (first.state, first.attempts, first.last_error) == (State.SENT, 2, "")
    assert set(DigestDelivery.objects.values_list("state", flat=True)) == {State.SENT}
    assert "Retry in" in worker.log()


def test_worker_killed_mid_batch_and_restarted_completes_without_duplicates(
    smtp_server, worker_on_sink, news_of_the_week
):
    users = [member_user() for _ in range(40)]
    smtp_server.delay = 0.3
    first_worker = worker_on_sink()

    plan_digests.delay(frequency=Frequency.WEEKLY)
    # Kill while the worker waits for the server to accept a message: every earlier
    # message is delivered and marked (the worker marks one before sending the next),
    # this one is not accepted yet.
    wait_until(lambda: len(smtp_server.messages) >= 5 and smtp_server.in_data == 1, message="the first messages")
    for process in [*psutil.Process(first_worker.process.pid).children(recursive=True)]:
        process.kill()
    first_worker.process.kill()
    first_worker.process.wait()
    delivered_before_restart = len(smtp_server.messages)
    assert 5 <= delivered_before_restart < 40
    assert DigestDelivery.objects.filter(state=State.SENT).count() == delivered_before_restart

    smtp_server.delay = 0
    worker_on_sink()
    # The lease of the dead worker lasts 10 minutes; run the sweep as if they had passed.
    sweep_stale_deliveries.delay(stale_after_seconds=0)
    wait_until(nothing_pending, message="the sweep and the new worker")
    time.sleep(1)

    assert recipients_of(smtp_server) == Counter({user.email: 1 for user in users})
    assert set(DigestDelivery.objects.values_list("state", flat=True)) == {State.SENT}
