"""A database outage: pages answer 503 with their own page and Retry-After, /healthz
keeps answering fast. The database is made unreachable for real: the connection settings
point at a closed port on loopback, so every connection attempt is refused."""

import time

import pytest
from django.db import connection
from django.test import Client

from tests.conftest import free_port


@pytest.fixture
def dead_database(transactional_db):
    """Every new connection (this thread's and the health check's threads') is refused."""
    settings_dict = connection.settings_dict  # shared by every thread's connection
    saved = {key: settings_dict[key] for key in ("HOST", "PORT")}
    connection.close()
    settings_dict.update(HOST="127.0.0.1", PORT=str(free_port()))
    try:
        yield
    finally:
        connection.close()
        settings_dict.update(saved)


def outage_client() -> Client:
    # Django's test client re-raises a view's exception by default; a browser gets the page.
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("path", "title", "name"),
    [
        ("/en/members/", "Temporarily unavailable", "Krakow Film Cluster"),
        ("/pl/members/", "Chwilowo niedostępne", "Krakowski Klaster Filmowy"),
    ],
)
def test_database_outage_answers_503_page_in_the_pages_language(dead_database, path, title, name):
    response = outage_client().get(path)

    html = response.content.decode()
    assert (response.status_code, response["Retry-After"], response["Cache-Control"]) == (503, "30", "no-store")
    assert f"<h1>{title}</h1>" in html
    assert f'<span class="brand__name">{name}</span>' in html
    assert "Content-Security-Policy" in response.headers
    assert "<script" not in html
    assert "<style" not in html


def test_database_outage_with_a_session_cookie_answers_503_not_500(dead_database):
    client = outage_client()
    client.cookies["sessionid"] = "a" * 32  # loading the session and the user asks the database

    response = client.get("/en/account/digest/")

    assert response.status_code == 503
    assert "Temporarily unavailable" in response.content.decode()


def test_other_server_errors_stay_500(transactional_db, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr("core.views.health.run_checks", broken)

    response = outage_client().get("/healthz")

    assert response.status_code == 500


def test_healthz_answers_within_a_second_with_the_database_down(dead_database):
    started = time.monotonic()
    response = outage_client().get("/healthz")
    elapsed = time.monotonic() - started

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"ok": False, "detail": "OperationalError"}
    assert "database" in response.json()["failing"]
    assert elapsed < 1.0
