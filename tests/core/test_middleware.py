import json
import logging
import sys

import pytest

from core.logs import JsonFormatter, sentry_before_send
from core.middleware import RequestIdLogFilter, request_id_var
from tests.core.test_settings import run_production
from tests.factories.accounts import CoordinatorFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/accounts/user/?q=%00",
        "/admin/members/member/?status__exact=%00",
        "/admin/events/event/?q=a%00b",
    ],
)
def test_nul_bytes_in_an_admin_query_answer_400(client, url):
    client.force_login(CoordinatorFactory())

    response = client.get(url)

    assert response.status_code == 400
    assert response.content == b"NUL bytes are not allowed."


@pytest.mark.django_db
def test_nul_byte_in_an_admin_path_answers_400(client):
    client.force_login(CoordinatorFactory())

    response = client.get("/admin/members/member/a\x00b/change/")

    assert response.status_code == 400


@pytest.mark.django_db
def test_every_response_carries_a_request_id(client):
    first = client.get("/robots.txt")
    second = client.get("/robots.txt")

    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.django_db
def test_a_sane_request_id_from_the_proxy_is_kept_and_a_hostile_one_replaced(client):
    kept = client.get("/robots.txt", headers={"X-Request-ID": "lb-7f3a9c2e11"})
    replaced = client.get("/robots.txt", headers={"X-Request-ID": "<script>alert(1)</script>"})

    assert kept["X-Request-ID"] == "lb-7f3a9c2e11"
    assert replaced["X-Request-ID"] != "<script>alert(1)</script>"
    assert len(replaced["X-Request-ID"]) == 32


def _record(message="hello", exc_info=None):
    return logging.LogRecord("portal.test", logging.ERROR, __file__, 1, message, None, exc_info)


def test_json_log_line_has_the_request_id():
    token = request_id_var.set("req-1234abcd")
    try:
        record = _record("Not Found: /x")
        RequestIdLogFilter().filter(record)
        line = json.loads(JsonFormatter().format(record))
    finally:
        request_id_var.reset(token)

    assert line["request_id"] == "req-1234abcd"
    assert (line["level"], line["logger"], line["message"]) == ("ERROR", "portal.test", "Not Found: /x")


def test_json_log_line_outside_a_request_and_with_an_exception():
    try:
        raise ValueError("boom")
    except ValueError:
        record = _record(exc_info=sys.exc_info())
    RequestIdLogFilter().filter(record)

    line = json.loads(JsonFormatter().format(record))

    assert line["request_id"] == "-"
    assert "ValueError: boom" in line["exception"]


def test_sentry_events_are_tagged_with_the_request_id():
    token = request_id_var.set("req-5678efgh")
    try:
        event = sentry_before_send({"message": "x"}, {})
    finally:
        request_id_var.reset(token)

    assert event["tags"] == {"request_id": "req-5678efgh"}


@pytest.mark.django_db
def test_a_request_id_reaches_log_lines_of_the_request(client, caplog):
    caplog.handler.addFilter(RequestIdLogFilter())
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/en/no-such-page/", headers={"X-Request-ID": "trace-0001abcd"})

    assert response.status_code == 404
    assert [r.request_id for r in caplog.records if r.name == "django.request"] == ["trace-0001abcd"]


def test_production_settings_read_admins_and_json_logs():
    result = run_production(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.ADMINS, s.LOG_FORMAT, s.LOGGING['handlers']['console']['formatter'])",
        ],
        ADMINS="Office <office@example.org>,ops@example.org",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[('Office', 'office@example.org'), ('', 'ops@example.org')] json json"
