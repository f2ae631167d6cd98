import time

import pytest
from django.core.cache import cache
from django.test import Client

from core import health


def _healthy_worker():
    cache.set(health.WORKER_HEARTBEAT_KEY, {"host": "w1", "at": time.time()}, timeout=30)


@pytest.mark.integration
def test_healthz_is_200_when_database_redis_and_worker_are_up(celery_worker):
    deadline = time.monotonic() + 20
    while cache.get(health.WORKER_HEARTBEAT_KEY) is None and time.monotonic() < deadline:
        time.sleep(0.1)

    response = Client().get("/healthz")

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["failing"] == []
    assert {name: check["ok"] for name, check in body["checks"].items()} == {
        "database": True,
        "redis": True,
        "celery": True,
    }
    assert body["checks"]["celery"]["detail"].startswith("worker ")


@pytest.mark.django_db
def test_healthz_is_503_and_names_celery_without_a_worker_heartbeat():
    response = Client().get("/healthz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["celery"]
    assert response.json()["checks"]["celery"] == {
        "ok": False,
        "detail": "no worker heartbeat; beat has not run yet",
    }


@pytest.mark.django_db
def test_healthz_is_503_when_the_last_heartbeat_is_stale():
    cache.set(health.WORKER_HEARTBEAT_KEY, {"host": "w1", "at": time.time() - 120}, timeout=30)
    cache.set(health.BEAT_HEARTBEAT_KEY, "2026-12-02T03:00:00+00:00")

    response = Client().get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["celery"] == {
        "ok": False,
        "detail": "last worker heartbeat 120 s ago; beat last ran 2026-12-02T03:00:00+00:00",
    }


@pytest.mark.django_db
def test_healthz_is_503_and_names_redis_when_redis_is_down(settings):
    _healthy_worker()
    settings.REDIS_URL = "redis://127.0.0.1:1/0"

    response = Client().get("/healthz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["redis"]


@pytest.mark.django_db
def test_a_hanging_check_counts_as_down_within_the_timeout(settings, monkeypatch):
    _healthy_worker()
    settings.HEALTH_TIMEOUT = 0.3

    def hang():
        time.sleep(3)
        return True, "ok"

    monkeypatch.setitem(health.CHECKS, "database", hang)

    started = time.monotonic()
    response = Client().get("/healthz")
    elapsed = time.monotonic() - started

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"ok": False, "detail": "no answer within 0.3 s"}
    assert elapsed < 2.0  # the check itself hangs for 3 s


def test_worker_heartbeat_thread_writes_and_stops():
    stop = health.start_worker_heartbeat("w-test")
    try:
        deadline = time.monotonic() + 5
        while cache.get(health.WORKER_HEARTBEAT_KEY) is None and time.monotonic() < deadline:
            time.sleep(0.05)
        beat = cache.get(health.WORKER_HEARTBEAT_KEY)
    finally:
        stop.set()

    assert beat["host"] == "w-test"
    assert time.time() - beat["at"] < 5
