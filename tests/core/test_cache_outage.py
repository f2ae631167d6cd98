"""While Redis is down pages keep working: the cache misses, sessions are in the database."""

import logging

import pytest
from django.core.cache import cache

from core.resubmission import Submission
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

DEAD_REDIS = {
    "default": {
        "BACKEND": "core.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    },
    # The layout's fragments stay in the process, whatever Redis does.
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "layout-fragments"},
}


def test_cache_operations_degrade_while_redis_is_down(settings, caplog, monkeypatch):
    settings.CACHES = DEAD_REDIS
    # The warning is throttled per process: an earlier test's outage must not hide this one's.
    monkeypatch.setattr("core.cache._last_warning", 0.0)

    with caplog.at_level(logging.WARNING, logger="core.cache"):
        assert cache.get("x", "missing") == "missing"
        assert cache.get_many(["x", "y"]) == {}
        assert cache.add("x", 1) is False
        assert cache.incr("x") == 1
        cache.set("x", 1)
        cache.delete("x")

    assert [r.getMessage() for r in caplog.records if r.name == "core.cache"][:1] == [
        "cache unavailable (get: ConnectionError); serving without it"
    ]


def test_logged_in_and_public_pages_work_while_redis_is_down(client, settings):
    client.force_login(UserFactory(email="still.here@example.org"))
    settings.CACHES = DEAD_REDIS

    account = client.get("/en/account/")
    catalogue = client.get("/en/members/")

    assert account.status_code == 200
    assert account.context["user"].email == "still.here@example.org"
    assert catalogue.status_code == 200


def test_the_resubmission_guard_still_holds_with_redis_up():
    cache.delete(Submission("outage-check", "x").key)
    assert Submission("outage-check", "x").claim() is True
    assert Submission("outage-check", "x").claim() is False


def test_one_redis_client_serves_every_operation_and_survives_dropped_connections():
    client = cache._cache.get_client()
    assert cache._cache.get_client() is client
    assert cache._cache.get_client("k", write=True) is client  # one server: one pool

    cache.set("reused-client", "before")
    # As a Redis restart would: the server closes the connection the kept client uses
    # (only this one: other test processes share the server).
    client.client_kill_filter(_id=client.client_id(), skipme=False)

    assert cache.get("reused-client") == "before"
    cache.set("reused-client", "after")
    assert cache.get("reused-client") == "after"
