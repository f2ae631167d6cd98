"""Checks behind /healthz: each returns (ok, detail) and never raises.

A load balancer asks often and wants an answer at once, so nothing here waits long: the
checks run side by side, each within ``HEALTH_TIMEOUT`` seconds (a check that has not
answered by then counts as down), and no check asks the workers anything. Instead each
worker leaves a heartbeat in Redis every ``WORKER_HEARTBEAT_SECONDS``
(``start_worker_heartbeat``, started by ``cluster_portal.celery`` when a worker is ready);
the Celery check reads its age. Beat's own heartbeat task (``core.tasks.heartbeat``, every
five minutes) is reported in the Celery check's detail, but does not fail it: a web machine stays in the
pool while beat restarts.
"""

from __future__ import annotations

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connections

WORKER_HEARTBEAT_KEY = "core:worker-heartbeat"
WORKER_HEARTBEAT_SECONDS = 10
BEAT_HEARTBEAT_KEY = "core:heartbeat"


def check_database() -> tuple[bool, str]:
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means "down"
        return False, type(exc).__name__
    finally:
        connection.close()  # the check runs in a thread of its own: leave no connection behind
    return True, "ok"


def _redis_client() -> redis.Redis:
    timeout = settings.HEALTH_TIMEOUT
    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=timeout, socket_connect_timeout=timeout)


def check_redis() -> tuple[bool, str]:
    try:
        _redis_client().ping()
    except Exception as exc:  # noqa: BLE001
        return False, type(exc).__name__
    return True, "ok"


def check_celery() -> tuple[bool, str]:
    try:
        found = cache.get_many([WORKER_HEARTBEAT_KEY, BEAT_HEARTBEAT_KEY])
    except Exception as exc:  # noqa: BLE001
        return False, type(exc).__name__
    worker, beat = found.get(WORKER_HEARTBEAT_KEY), found.get(BEAT_HEARTBEAT_KEY)
    beat_note = f"; beat last ran {beat}" if beat else "; beat has not run yet"
    if not worker:
        return False, "no worker heartbeat" + beat_note
    age = time.time() - worker["at"]
    if age > 3 * WORKER_HEARTBEAT_SECONDS:
        return False, f"last worker heartbeat {age:.0f} s ago" + beat_note
    return True, f"worker {worker['host']} {age:.0f} s ago" + beat_note


CHECKS = {"database": check_database, "redis": check_redis, "celery": check_celery}


def _timed_out() -> tuple[bool, str]:
    return False, f"no answer within {settings.HEALTH_TIMEOUT} s"


def run_checks() -> dict[str, dict[str, object]]:
    executor = ThreadPoolExecutor(max_workers=len(CHECKS), thread_name_prefix="healthz")
    futures = {name: executor.submit(check) for name, check in CHECKS.items()}
    deadline = time.monotonic() + settings.HEALTH_TIMEOUT
    results = {}
    for name, future in futures.items():
        try:
            ok, detail = future.result(timeout=max(0.0, deadline - time.monotonic()))
        except FutureTimeout:
            ok, detail = _timed_out()
        results[name] = {"ok": ok, "detail": detail}
    executor.shutdown(wait=False, cancel_futures=True)  # a hung check must not hold the answer
    return results


def _beat_forever(hostname: str, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            cache.set(WORKER_HEARTBEAT_KEY, {"host": hostname, "at": time.time()}, timeout=3 * WORKER_HEARTBEAT_SECONDS)
        except Exception:  # noqa: BLE001, S110 - Redis away: the missing heartbeat is the report
            pass
        stop.wait(WORKER_HEARTBEAT_SECONDS)


def start_worker_heartbeat(hostname: str | None = None) -> threading.Event:
    """Start the worker's heartbeat thread; set the returned event to stop it."""
    stop = threading.Event()
    thread = threading.Thread(
        target=_beat_forever, args=(hostname or socket.gethostname(), stop), name="worker-heartbeat", daemon=True
    )
    thread.start()
    return stop
