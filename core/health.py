"""Checks behind /healthz: each returns (ok, detail) and never raises."""

from __future__ import annotations

import redis
from celery import current_app as celery_app  # the project's app, made current by cluster_portal/__init__.py
from django.conf import settings
from django.db import connection


def check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means "down"
        return False, type(exc).__name__
    return True, "ok"


def check_redis() -> tuple[bool, str]:
    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
        client.ping()
    except Exception as exc:  # noqa: BLE001
        return False, type(exc).__name__
    return True, "ok"


def check_celery(timeout: float = 1.5) -> tuple[bool, str]:
    try:
        replies = celery_app.control.ping(timeout=timeout) or []
    except Exception as exc:  # noqa: BLE001
        return False, type(exc).__name__
    if not replies:
        return False, "no worker answered"
    return True, f"{len(replies)} worker(s)"


CHECKS = {"database": check_database, "redis": check_redis, "celery": check_celery}


def run_checks() -> dict[str, dict[str, object]]:
    results = {}
    for name, check in CHECKS.items():
        ok, detail = check()
        results[name] = {"ok": ok, "detail": detail}
    return results
