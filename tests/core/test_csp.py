import json
import logging

import pytest

from tests.factories.accounts import CoordinatorFactory

pytestmark = pytest.mark.django_db

EXPECTED = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    # the locations map's tile server comes from LOCATIONS_MAP_TILES_URL (OpenStreetMap's by default)
    "img-src": "'self' data: https://tile.openstreetmap.org",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-src": "'none'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "report-uri": "/csp-report",
}


def policy(response) -> dict[str, str]:
    parts = (part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return {name: value for name, value in parts}


@pytest.mark.parametrize("path", ["/en/", "/pl/members/", "/accounts/login/", "/en/no-such-page/", "/healthz"])
def test_every_response_has_the_policy_without_unsafe_inline(client, path):
    response = client.get(path)

    assert policy(response) == EXPECTED
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_admin_pages_have_the_policy(client):
    client.force_login(CoordinatorFactory())

    response = client.get("/admin/django_celery_beat/periodictask/add/")

    assert response.status_code == 200
    assert policy(response) == EXPECTED
    body = response.content.decode()
    assert 'src="/static/core/admin-periodic-task.js"' in body
    assert "const readableCrontabs" not in body


def test_cached_public_page_keeps_the_policy(client):
    client.get("/en/members/")

    again = client.get("/en/members/")

    assert policy(again) == EXPECTED


def test_outside_origins_only_through_settings(client, settings):
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**directives, "img-src": [*directives["img-src"], "https://tiles.example.org"]}
    }

    response = client.get("/robots.txt")

    assert policy(response)["img-src"] == "'self' data: https://tile.openstreetmap.org https://tiles.example.org"


def _report(client):
    body = {
        "csp-report": {
            "document-uri": "https://portal.example.org/en/",
            "violated-directive": "script-src-elem",
            "effective-directive": "script-src-elem",
            "blocked-uri": "inline",
        }
    }
    return client.post("/csp-report", json.dumps(body), content_type="application/csp-report")


def test_violation_reports_are_logged(client, caplog):
    with caplog.at_level(logging.WARNING, logger="core.csp"):
        response = _report(client)

    assert response.status_code == 204
    assert [r.getMessage() for r in caplog.records if r.name == "core.csp"] == [
        "CSP violation: script-src-elem blocked inline on https://portal.example.org/en/"
    ]


def test_violation_reports_are_rate_limited(client, settings):
    settings.CSP_REPORT_RATE = "2/h"

    statuses = [_report(client).status_code for _ in range(4)]

    assert statuses == [204, 204, 429, 429]


def test_a_broken_report_is_400(client):
    response = client.post("/csp-report", "{not json", content_type="application/csp-report")

    assert response.status_code == 400
