"""axe-core on every kind of page a visitor or a member reaches, in both languages; the
visitor's and the member's pages also fit a 360 px phone without scrolling sideways.

The pages are discovered, not listed: the sitemap, plus a crawl from the home page as
an anonymous visitor and as the demo member (the crawl test's own crawler). One page of
each view and language is checked (every profile looks alike), so a page a new app adds
is covered as soon as something links to it. axe-core's script comes from the
axe-playwright-python package: nothing is fetched at test time.
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation

from accounts.models import User
from tests.core.test_crawl import LinkParser
from tests.e2e.conftest import csp_violations

pytestmark = pytest.mark.django_db(transaction=True)

# Links that change something, or lead to files rather than pages.
SKIP = re.compile(r"(/unsubscribe|/logout|/i18n/|/admin/|/confirm/|/cancel/|/export|/feed|\.ics$|\.pdf$)")


def page_kind(path: str) -> tuple[str, str] | None:
    """(view name, language) of a path under /pl/ or /en/; None for anything else."""
    segments = path.split("/")
    language = segments[1] if len(segments) > 2 else ""
    if language not in ("pl", "en"):
        return None
    with translation.override(language):
        try:
            return resolve(urlsplit(path).path).view_name, language
        except Resolver404:
            return None


def discover(client, start_paths) -> list[str]:
    """HTML pages reachable from ``start_paths`` and the sitemap, one per kind of page
    and language: a crawl that follows only the first link to each kind."""
    xml = client.get("/sitemap.xml").content.decode()
    listed = [
        urlsplit(url).path for url in re.findall(r'href="(http[^"]+)"|<loc>([^<]+)</loc>', xml) for url in url if url
    ]
    queue, kinds, pages = deque(), set(), []
    for path in [*start_paths, *listed]:
        kind = page_kind(path)
        if kind and kind not in kinds:
            kinds.add(kind)
            queue.append(path)
    while queue:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        pages.append(path)
        parser = LinkParser()
        parser.feed(response.content.decode())
        for href in parser.links:
            parts = urlsplit(urljoin(path, href))
            if parts.netloc not in ("", "testserver") or SKIP.search(parts.path):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            kind = page_kind(target)
            if kind and kind not in kinds:
                kinds.add(kind)
                queue.append(target)
    return sorted(pages)


def violations(page, path) -> list[str]:
    page.goto(path, wait_until="networkidle")
    results = Axe().run(page).response["violations"]
    return [
        f"{path}: {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in results
    ]


@pytest.fixture
def demo(db):
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115


PHONE_360 = {"width": 360, "height": 740}
STICKING_OUT = """(width) => [...document.body.querySelectorAll('*')]
  .filter((el) => el.getBoundingClientRect().right > width + 1
    && ![...el.children].some((child) => child.getBoundingClientRect().right > width + 1))
  .slice(0, 3).map((el) => el.tagName.toLowerCase() + '.' + el.className)"""


def wider_than_a_phone(browser, live_server, paths, cookies=()) -> list[str]:
    """The pages that scroll sideways on a 360 px phone, with what sticks out. A desktop
    context at the phone's width: an emulated phone would widen its layout viewport to fit
    the page and hide the overflow."""
    context = browser.new_context(base_url=live_server.url, viewport=PHONE_360, locale="en-GB")
    context.add_cookies(list(cookies))
    page = context.new_page()
    wide = []
    try:
        for path in paths:
            page.goto(path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE_360["width"]:
                culprits = page.evaluate(STICKING_OUT, PHONE_360["width"])
                wide.append(f"{path}: {width} px wide, {culprits}")
    finally:
        context.close()
    return wide


def test_public_pages_have_no_axe_violations_in_either_language(demo, page, browser, live_server):
    paths = discover(Client(), ["/pl/", "/en/"])
    kinds = {page_kind(path) for path in paths}
    for view in ("core:home", "members:list", "members:detail", "productions:showcase_detail", "news:detail",
                 "events:calendar", "productions:inquiry", "accounts:join"):  # fmt: skip
        assert {(view, "pl"), (view, "en")} <= kinds
    assert {"/pl/", "/en/"} <= set(paths)

    found = [problem for path in paths for problem in violations(page, path)]

    assert found == [], "\n".join(found)
    # The same pages on the smallest phone, and the search page with results (a form's
    # answer, which no link leads to): nothing scrolls sideways.
    searches = ["/pl/search/?q=kamera", "/en/search/?q=camera"]
    assert wider_than_a_phone(browser, live_server, [*paths, *searches]) == []


def test_member_pages_have_no_axe_violations_in_either_language(demo, browser, live_server):
    member = User.objects.get(email="member@example.org")
    client = Client()
    client.force_login(member)
    public = {page_kind(path) for path in discover(Client(), ["/pl/", "/en/"])}
    start = ["/pl/", "/en/", "/pl/productions/", "/en/productions/"]
    paths = [path for path in discover(client, start) if page_kind(path) not in public or path in start]
    assert len(paths) > 10
    session = [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.add_cookies(session)
    page = context.new_page()
    refused = csp_violations(page)
    try:
        found = [problem for path in paths for problem in violations(page, path)]
    finally:
        context.close()

    assert found == [], "\n".join(found)
    assert refused == [], "\n".join(refused)
    assert wider_than_a_phone(browser, live_server, paths, session) == []
