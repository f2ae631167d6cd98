"""Fixtures shared by the whole suite: real SMTP on loopback, a real Celery worker on
Redis, and a clean cache for every test."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from celery.result import allow_join_result
from django.core.cache import cache, caches
from django.db import connection

from cluster_portal.celery import app as celery_app
from core import branding

BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    caches["fragments"].clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _joinable_results():
    """Every test starts outside a task, as far as Celery knows.

    Tests run tasks eagerly, and an eager task marks the process as "inside a task" in
    one global flag, saved and restored around it. Two threads running eager tasks at
    once (tests/events/test_capacity_race.py) can restore each other's saved value and
    leave the flag set, after which every ``result.get()`` of a real worker's task in
    that process fails with "Never call result.get() within a task!".
    """
    with allow_join_result():
        yield


@pytest.fixture
def django_assert_num_queries(django_assert_num_queries):
    """pytest-django's budget, counted on a running site: the branding record (name,
    colours, logo) is read from the database once after each change and then from the
    cache, so it is read before counting, like the session and permission caches the
    budgets' warm-up requests fill."""

    @contextlib.contextmanager
    def counted(num, *args, **kwargs):
        branding.current()
        with django_assert_num_queries(num, *args, **kwargs) as context:
            yield context

    return counted


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class SmtpSink:
    """What a real SMTP server on loopback received."""

    host: str
    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    fail_next: int = 0  # answer this many DATA commands with a transient 451 error
    delay: float = 0.0  # seconds to wait before accepting each message (a slow server)
    in_data: int = 0  # messages being received right now (waiting out the delay)
    rcpt_replies: list[str] = field(default_factory=list)  # answers to the next RCPT TO commands
    rcpt_attempts: int = 0

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    def wait_for(self, count: int, timeout: float = 30) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in m["To"]]


class _SinkHandler:
    def __init__(self, sink: SmtpSink):
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's hook
        self.sink.rcpt_attempts += 1
        if self.sink.rcpt_replies:
            return self.sink.rcpt_replies.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if self.sink.fail_next > 0:
            self.sink.fail_next -= 1
            return "451 4.3.0 Try again later"
        if self.sink.delay:
            # Before the message is kept: a client that disconnects meanwhile cancels
            # this handler, so the message is not counted as delivered.
            self.sink.in_data += 1
            try:
                await asyncio.sleep(self.sink.delay)
            finally:
                self.sink.in_data -= 1
        self.sink.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1; Django in this process sends to it."""
    port = free_port()
    sink = SmtpSink(host="127.0.0.1", port=port)
    controller = Controller(_SinkHandler(sink), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield sink
    finally:
        controller.stop()


@dataclass
class WorkerProcess:
    """A Celery worker in its own process, on this test's broker and database."""

    process: subprocess.Popen
    nodename: str
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self, *, kill: bool = False) -> None:
        if self.process.poll() is not None:
            return
        if kill:
            self.process.kill()
        else:
            self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_worker(*, email_url: str | None = None, concurrency: int = 1, extra_env: dict | None = None) -> WorkerProcess:
    nodename = f"test-{uuid.uuid4().hex[:8]}@%h"
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "cluster_portal.settings_test"
    env["PORTAL_TEST_DATABASE_NAME"] = connection.settings_dict["NAME"]
    env["PORTAL_TEST_EAGER"] = "0"  # tasks the worker queues go to Redis too
    if email_url:
        env["EMAIL_URL"] = email_url
    env.update(extra_env or {})
    log_path = BASE_DIR / "var" / f"worker-{uuid.uuid4().hex[:8]}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log_file = log_path.open("w")
    command = [
        sys.executable, "-m", "celery", "-A", "cluster_portal", "worker",
        "--loglevel=INFO", f"--concurrency={concurrency}", "--pool=prefork",
        "-n", nodename, "--without-gossip", "--without-mingle",
    ]  # fmt: skip
    process = subprocess.Popen(command, env=env, cwd=BASE_DIR, stdout=log_file, stderr=subprocess.STDOUT)
    worker = WorkerProcess(process=process, nodename=nodename.replace("%h", socket.gethostname()), log_path=log_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Celery worker exited early:\n{worker.log()}")
        replies = celery_app.control.ping(destination=[worker.nodename], timeout=0.5) or []
        if replies:
            return worker
    worker.stop(kill=True)
    raise RuntimeError(f"Celery worker did not answer a ping:\n{worker.log()}")


@pytest.fixture
def celery_worker(transactional_db, settings):
    """A real worker process. Tasks queued by the test go through Redis to it.

    Needs `transactional_db` so that the worker, on its own connection, sees the rows the
    test wrote.
    """
    celery_app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.control.purge()
    worker = start_worker()
    try:
        yield worker
    finally:
        worker.stop()
        celery_app.conf.task_always_eager = True
        worker.log_path.unlink(missing_ok=True)


@pytest.fixture
def eager_off(settings):
    """Queue tasks to Redis instead of running them inline (for tests that start workers)."""
    celery_app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.control.purge()
    yield
    celery_app.conf.task_always_eager = True


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


def pytest_terminal_summary(terminalreporter):
    """Figures a test recorded with ``record_property("figures", …)`` (the multi-host
    proof's), printed at the end of the run, also from pytest-xdist workers."""
    lines = [
        f"{report.nodeid}: {value}"
        for report in terminalreporter.stats.get("passed", [])
        for name, value in getattr(report, "user_properties", [])
        if name == "figures"
    ]
    if lines:
        terminalreporter.section("figures")
        for line in lines:
            terminalreporter.write_line(line)
