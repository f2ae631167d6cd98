import pytest
from django.test import Client

from core import health


@pytest.mark.integration
def test_healthz_is_200_when_database_redis_and_worker_are_up(celery_worker):
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


@pytest.mark.django_db
def test_healthz_is_503_and_names_celery_when_no_worker_answers(monkeypatch):
    monkeypatch.setattr(health.celery_app.control, "ping", lambda timeout: [])

    response = Client().get("/healthz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["celery"]
    assert response.json()["checks"]["celery"] == {"ok": False, "detail": "no worker answered"}


@pytest.mark.django_db
def test_healthz_is_503_and_names_redis_when_redis_is_down(settings, monkeypatch):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    monkeypatch.setattr(health.celery_app.control, "ping", lambda timeout: [{"w": "pong"}])

    response = Client().get("/healthz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["redis"]
