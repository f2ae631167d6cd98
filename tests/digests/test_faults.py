"""Digests under database faults: the worker's PostgreSQL connections are killed
(pg_terminate_backend) while it sends, and still every subscriber gets exactly one digest.

The fault injector identifies the worker's connections by their application name
(``PGAPPNAME``, which libpq sends), so it never kills the test's own connection.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter

import psycopg
import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from digests import services
from digests.models import DigestDelivery, Frequency
from digests.periods import previous_period
from digests.tasks import send_digest_batch
from tests.conftest import free_port, start_worker
from tests.factories.digests import joined_member, member_user
from tests.factories.members import MemberFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
State = DigestDelivery.State
WORKER_APP = "digest-fault-worker"


def _libpq_params() -> dict:
    """The test database's address as Django connects to it (a socket of the embedded
    server, or a host and port), for a connection of our own."""
    params = connection.get_connection_params()
    wanted = ("dbname", "host", "port", "user", "password", "sslmode")
    return {key: params[key] for key in wanted if params.get(key)} | {"autocommit": True}


class BackendKiller(threading.Thread):
    """Kills every PostgreSQL backend whose application_name is ``application``, every
    ``interval`` seconds, until stopped; counts the backends it ended."""

    def __init__(self, application: str, interval: float):
        super().__init__(daemon=True)
        self.application, self.interval = application, interval
        self.stop_event = threading.Event()
        self.kills = 0
        self.rounds_with_kills = 0

    def run(self):
        with psycopg.connect(**_libpq_params()) as conn:
            while not self.stop_event.wait(self.interval):
                ended = conn.execute(
                    "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE application_name = %s AND pid <> pg_backend_pid()",
                    [self.application],
                ).fetchone()[0]
                self.kills += ended
                self.rounds_with_kills += bool(ended)

    def stop(self):
        self.stop_event.set()
        self.join(timeout=10)


def wait_until(condition, timeout: float, message: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {message}")


def unfinished() -> int:
    return DigestDelivery.objects.filter(state__in=[State.PENDING, State.SENDING]).count()


@pytest.fixture
def news_of_the_week():
    week = previous_period(Frequency.WEEKLY)
    return joined_member(at=week.starts_at + dt.timedelta(days=2), name="Fresh Frames Studio")


def test_repeated_connection_kills_during_a_run_send_each_digest_exactly_once(
    settings, smtp_server, eager_off, news_of_the_week, record_property
):
    firm = MemberFactory()
    users = [member_user(member=firm) for _ in range(200)]
    settings.DIGEST_BATCH_SIZE = 20
    _period, batches = services.plan_deliveries(frequency=Frequency.WEEKLY)
    smtp_server.delay = 0.02  # each message takes a moment: kills land between accept and mark
    worker = start_worker(
        email_url=smtp_server.url, concurrency=2, extra_env={"PGAPPNAME": WORKER_APP, "DIGEST_BATCH_SIZE": "20"}
    )
    killer = BackendKiller(WORKER_APP, interval=0.25)
    started = time.monotonic()
    try:
        for ids in batches:
            send_digest_batch.delay(delivery_ids=ids)
        wait_until(lambda: len(smtp_server.messages) >= 10, timeout=30, message="the first messages")
        killer.start()
        wait_until(lambda: len(smtp_server.messages) >= 150, timeout=40, message="most messages")
        killer.stop()
        wait_until(lambda: unfinished() == 0, timeout=40, message="the run to finish")
        time.sleep(1)  # anything sent twice would arrive now
        log = worker.log()
    finally:
        killer.stop()
        worker.stop(kill=True)
        worker.log_path.unlink(missing_ok=True)

    received = Counter(message["To"] for message in smtp_server.messages)
    duplicates = {address: n for address, n in received.items() if n > 1}
    lost = {user.email for user in users} - set(received)
    assert (duplicates, lost) == ({}, set())
    assert set(DigestDelivery.objects.values_list("state", flat=True)) == {State.SENT}
    # The kills really hit the worker, and some of them the mark after an accepted message.
    assert killer.rounds_with_kills >= 5
    assert "lost the database marking" in log
    record_property(
        "figures",
        f"{len(users)} digests in {time.monotonic() - started:.1f} s, {killer.kills} worker backends killed "
        f"in {killer.rounds_with_kills} rounds, {log.count('lost the database marking')} marks retried "
        f"after an accepted message, {log.count('Retry in')} task retries; 0 duplicates, 0 lost",
    )


class _KillOnAccept:
    """An SMTP server that, as it accepts a message, kills the database connection of the
    process that sent it: the worst moment, between "250 OK" and the row's UPDATE."""

    def __init__(self, backend_pid: int):
        self.backend_pid = backend_pid
        self.received: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        with psycopg.connect(**_libpq_params()) as conn:
            conn.execute("SELECT pg_terminate_backend(%s)", [self.backend_pid])
        self.received.append(envelope.content)
        return "250 OK"


def test_connection_killed_as_the_server_accepts_marks_sent_without_sending_again(settings, news_of_the_week):
    member_user()
    _period, batches = services.plan_deliveries(frequency=Frequency.WEEKLY)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    handler, port = _KillOnAccept(pid), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    try:
        result = services.send_batch(delivery_ids=batches[0])
        again = services.send_batch(delivery_ids=batches[0])
    finally:
        controller.stop()

    delivery = DigestDelivery.objects.get()
    assert (result.sent, again.claimed, len(handler.received)) == (1, 0, 1)
    assert (delivery.state, delivery.message_id.startswith("<digest.")) == (State.SENT, True)
    assert delivery.message_id.encode() in handler.received[0]


def test_row_left_sending_after_an_accepted_message_is_marked_sent_not_resent(mailoutbox, news_of_the_week):
    member_user()
    _period, batches = services.plan_deliveries(frequency=Frequency.WEEKLY)
    [row] = services.claim(batches[0], holder="task-1")  # the worker then died after "250 OK"
    services.record_accepted(row.message_id, subject="Digest", summary={"news": 1}, at=dt.datetime.now(dt.UTC))

    result = services.send_batch(delivery_ids=batches[0], holder="task-1")  # the broker redelivers it

    delivery = DigestDelivery.objects.get()
    assert (result.claimed, len(mailoutbox)) == (0, 0)
    assert (delivery.state, delivery.subject, delivery.summary) == (State.SENT, "Digest", {"news": 1})


def test_redelivered_batch_reclaims_its_own_rows_at_once_and_sends_unaccepted_ones(mailoutbox, news_of_the_week):
    member_user()
    _period, batches = services.plan_deliveries(frequency=Frequency.WEEKLY)
    services.claim(batches[0], holder="task-1")  # killed before the server accepted anything

    by_another_task = services.send_batch(delivery_ids=batches[0], holder="task-2")
    redelivered = services.send_batch(delivery_ids=batches[0], holder="task-1")

    assert (by_another_task.claimed, redelivered.sent, len(mailoutbox)) == (0, 1, 1)
    assert DigestDelivery.objects.get().state == State.SENT
