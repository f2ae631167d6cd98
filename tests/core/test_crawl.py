"""Crawl every page reachable from the home page, in both languages, with the demo data.

Each HTML page must answer 200 and have exactly one <h1>. The crawl also proves that
the demo data loads (twice, without duplicates) and that nothing links to a broken page.
"""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

from accounts.models import User

SKIP = re.compile(r"(/feed/|\.ics$|/calendar|/export|/certificate|/download|/unsubscribe|/logout|/i18n/|/admin/)")
MAX_PAGES = 600


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.h1_count = 0

    def handle_starttag(self, tag, attrs):
        if tag == "h1":
            self.h1_count += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def crawl(client, start_paths):
    seen, problems = set(start_paths), []
    queue = deque(start_paths)
    while queue and len(seen) <= MAX_PAGES:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code == 302 and response["Location"].startswith("/accounts/login/"):
            continue  # members-only page seen by an anonymous visitor: sent to log in
        if response.status_code == 302 and response["Location"].startswith(("/pl/", "/en/")):
            if response["Location"] not in seen:  # e.g. "My company" opens the user's only firm
                seen.add(response["Location"])
                queue.append(response["Location"])
            continue
        if response.status_code != 200:
            problems.append(f"{path}: HTTP {response.status_code}")
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        parser = LinkParser()
        parser.feed(response.content.decode())
        if parser.h1_count != 1:
            problems.append(f"{path}: {parser.h1_count} <h1>")
        for href in parser.links:
            parts = urlsplit(urljoin(path, href))
            if parts.netloc not in ("", "testserver") or not parts.path.startswith(("/pl/", "/en/")):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            # Follow each filtered list only once per path, not every combination.
            if parts.query and any(s.startswith(parts.path + "?") for s in seen):
                continue
            if target not in seen and not SKIP.search(parts.path):
                seen.add(target)
                queue.append(target)
    return seen, problems


@pytest.fixture
def demo_data(db):
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_every_public_page_answers_200_with_one_h1(client, demo_data):
    seen, problems = crawl(client, ["/pl/", "/en/"])

    assert problems == []
    assert len(seen) > 10


def test_every_page_a_member_reaches_answers_200_with_one_h1(client, demo_data):
    client.force_login(User.objects.get(email="member@example.org"))

    seen, problems = crawl(client, ["/pl/", "/en/", "/pl/productions/", "/en/productions/"])

    assert problems == []
    assert len(seen) > 10
