"""Dates, times and numbers in each language's own form (cluster_portal/formats), and a
render of every page, email and .ics in both languages with the demo data that finds no
US numeric date and no a.m./p.m. in either."""

import datetime as dt
import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.core.management import call_command
from django.template.loader import get_template
from django.utils import formats, timezone, translation

from accounts.models import Invitation, MembershipApplication, User
from cooperation.models import CooperationRequest
from core.emails import render_email
from digests.content import SECTION_ORDER, Recipient, assemble, compute_shared_content, email_parts
from digests.periods import Period
from events.ics import build_calendar
from events.models import Event, Registration
from news.models import Post
from productions.models import ProductionInquiry, ProductionLead

WARSAW = ZoneInfo("Europe/Warsaw")
MOMENT = dt.datetime(2027, 1, 15, 10, 0, tzinfo=WARSAW)
EVENING = dt.datetime(2027, 1, 15, 22, 30, tzinfo=WARSAW)

# 01/15/2027, 1/15/27, 15/01/2027: any date written with slashes is ambiguous for someone.
SLASH_DATE = re.compile(r"(?<![\w/.-])\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\w/])")
# 10 a.m., 10:30 PM, 10pm (Django's own English "P" writes "10 a.m.").
TWELVE_HOUR = re.compile(r"\b(?:a\.m\.|p\.m\.)|\b\d{1,2}(?::\d\d)?\s?(?:[AaPp][Mm])\b")
# Links and machine attributes carry paths and ISO timestamps, not dates for a reader.
MACHINE_ATTRIBUTES = re.compile(r'\s(?:href|src|srcset|action|datetime|content|value|data-[\w-]+)="[^"]*"')

SKIP = re.compile(r"(/feed/|\.ics$|/calendar\.ics|/export|/certificate|/download|/unsubscribe|/logout|/i18n/)")
ADMIN_SKIP = re.compile(r"(/delete/|/history/|/logout/|/password/|/export|/import|/download|\.csv|/desk/)")
MAX_PAGES = 400


def offending(text: str) -> list[str]:
    readable = MACHINE_ATTRIBUTES.sub("", text)
    return SLASH_DATE.findall(readable) + TWELVE_HOUR.findall(readable)


# --- The formats themselves -----------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "date", "when", "short", "evening"),
    [
        ("en", "15 January 2027", "15 January 2027, 10:00", "15 Jan 2027", "22:30"),
        ("pl", "15 stycznia 2027", "15 stycznia 2027, 10:00", "15.01.2027", "22:30"),
    ],
)
def test_each_language_writes_dates_and_times_its_own_way(language, date, when, short, evening):
    with translation.override(language):
        assert formats.date_format(MOMENT, "DATE_FORMAT") == date
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == when
        assert formats.date_format(MOMENT, "SHORT_DATE_FORMAT") == short
        assert formats.time_format(EVENING, "TIME_FORMAT") == evening
        assert formats.localize(EVENING.time()) == evening


@pytest.mark.parametrize(("language", "expected"), [("en", "12,500.5"), ("pl", "12\xa0500,5")])
def test_each_language_writes_numbers_its_own_way(language, expected):
    with translation.override(language):
        assert formats.number_format(12500.5, 1, force_grouping=True) == expected


@pytest.mark.parametrize(
    ("language", "typed", "expected"),
    [("en", "05/01/2027", dt.date(2027, 1, 5)), ("pl", "05.01.2027", dt.date(2027, 1, 5))],
)
def test_typed_dates_are_read_day_first(language, typed, expected):
    with translation.override(language):
        assert forms.DateField().clean(typed) == expected
        assert forms.DateField().clean("2027-01-05") == dt.date(2027, 1, 5)


@pytest.mark.parametrize("language", ["en", "pl"])
def test_a_date_field_writes_iso_for_the_browsers_date_input(language):
    field = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    with translation.override(language):
        html = field.widget.render("starts_on", dt.date(2027, 1, 15))

    assert 'value="2027-01-15"' in html


# --- Every page, email and .ics in both languages -------------------------------------


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href:
            self.links.append(href)


def crawl(client, start_paths, *, prefixes=("/pl/", "/en/"), skip=SKIP) -> tuple[int, dict[str, list[str]]]:
    seen, found = set(start_paths), {}
    queue = deque(start_paths)
    while queue and len(seen) <= MAX_PAGES:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        if hits := offending(html):
            found[path] = hits
        parser = LinkParser()
        parser.feed(html)
        for href in parser.links:
            parts = urlsplit(urljoin(path, href))
            if parts.netloc not in ("", "testserver") or not parts.path.startswith(prefixes):
                continue
            if skip.search(parts.path) or (parts.query and any(s.startswith(parts.path + "?") for s in seen)):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return len(seen), found


@pytest.fixture
def demo_data(db):
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_no_page_in_either_language_has_a_us_date_or_twelve_hour_time(client, demo_data):
    crawled, found = crawl(client, ["/pl/", "/en/"])
    client.force_login(User.objects.get(email="member@example.org"))
    member_crawled, member_found = crawl(client, ["/pl/productions/", "/en/productions/", "/pl/", "/en/"])

    assert found == {}
    assert member_found == {}
    assert crawled > 50
    assert member_crawled > 50


@pytest.mark.parametrize("language", ["pl", "en"])
def test_no_admin_page_has_a_us_date_or_twelve_hour_time(client, demo_data, language, settings):
    client.force_login(User.objects.get(email="coordinator@example.org"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    crawled, found = crawl(client, ["/admin/"], prefixes=("/admin/",), skip=ADMIN_SKIP)

    assert found == {}
    assert crawled > 40


def email_context(language: str) -> dict:
    """Every object an email template is given, from the demo data: dates of each kind."""
    event = Event.objects.filter(starts_at__gte=timezone.now()).order_by("starts_at").first()
    call = Post.objects.exclude(deadline=None).first()
    request = CooperationRequest.objects.exclude(respond_by=None).first() or CooperationRequest.objects.first()
    return {
        "event": event,
        "registration": Registration.objects.filter(event=event).first(),
        "lead": ProductionLead.objects.exclude(shooting_start=None).first(),
        "inquiry": ProductionInquiry.objects.first() or ProductionInquiry(shooting_start=MOMENT.date()),
        "post": call,
        "call": call,
        "call_title": call.title,
        "deadline": call.deadline,
        "previous_deadline": call.deadline - dt.timedelta(days=3),
        "request": request,
        "invitation": Invitation.objects.first(),
        "application": MembershipApplication.objects.first(),
        "with_details": True,
        "days": 3,
        "days_left": 3,
        "valid_days": 14,
    }


def email_templates() -> list[str]:
    """Every email: each ``<app>/emails/<name>.txt`` with its subject and HTML parts."""
    root = Path(__file__).resolve().parents[2] / "templates"
    return sorted(
        str(path.relative_to(root).with_suffix(""))
        for path in root.glob("*/emails/*.txt")
        if not path.name.startswith("_") and not path.name.endswith("_subject.txt")
    )


@pytest.mark.parametrize("language", ["pl", "en"])
def test_no_email_in_either_language_has_a_us_date_or_twelve_hour_time(demo_data, language):
    context = email_context(language)
    rendered = {}
    for template in email_templates():
        get_template(f"{template}.html")  # every email is multipart: both parts exist
        email = render_email(template=template, context=context, language=language)
        rendered[template] = email["subject"] + email["text"] + email["html"]
    # The digest as a member gets it, every section, over the week of the demo content.
    today = timezone.localdate()
    period = Period("weekly", today - dt.timedelta(days=7), today + dt.timedelta(days=1))
    content = compute_shared_content(period, language)
    user = User.objects.get(email="member@example.org")
    recipient = Recipient(user_id=user.pk, email=user.email, name=user.name, language=language, sections=SECTION_ORDER)
    sections = assemble(content, recipient, period)
    parts = email_parts(content=content, recipient=recipient, sections=sections)
    digest = render_email(template="digests/emails/digest", context=parts["context"], language=language)
    rendered["digest"] = digest["text"] + digest["html"]

    found = {name: offending(text) for name, text in rendered.items() if offending(text)}
    assert found == {}
    assert len(rendered) > 25
    assert sections  # the digest has content to show dates in
    assert (
        formats.date_format(timezone.localtime(context["event"].starts_at), "j") in rendered["events/emails/confirmed"]
    )


@pytest.mark.parametrize("language", ["pl", "en"])
def test_no_ics_in_either_language_has_a_us_date_or_twelve_hour_time(client, demo_data, language):
    events = list(Event.objects.public())
    calendar = build_calendar(events, language=language, name="demo").decode()
    files = [client.get(f"/{language}/events/{event.slug}/event.ics") for event in events[:5]]
    feed = client.get(f"/{language}/events/feed.ics")

    assert offending(calendar) == []
    assert len(events) > 3
    assert [(f.status_code, offending(f.content.decode())) for f in files] == [(200, [])] * len(files)
    assert (feed.status_code, offending(feed.content.decode())) == (200, [])
