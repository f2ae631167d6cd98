"""A new cluster's first start: an empty database, the taxonomy loaded with the
production-safe command, no demo data. Every public page must work already."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User
from members.models import Member, ServiceCategory
from news.models import Post
from tests.core.test_crawl import crawl

# Pages a visitor reaches by typing or by a link from elsewhere, besides the crawl's.
PUBLIC_PAGES = [
    "/{lang}/",
    "/{lang}/members/",
    "/{lang}/members/?q=kamera&service=lighting",
    "/{lang}/members/shortlist/",
    "/{lang}/productions/",
    "/{lang}/productions/inquiry/",
    "/{lang}/productions/showcase/",
    "/{lang}/news/",
    "/{lang}/news/calls/",
    "/{lang}/events/",
    "/{lang}/events/calendar/",
    "/{lang}/search/?q=film",
    "/{lang}/join/",
    "/{lang}/numbers/",
    "/{lang}/privacy/",
]
MACHINE_PAGES = ["/sitemap.xml", "/robots.txt", "/pl/news/feed/", "/en/news/feed/", "/pl/events/feed.ics"]


@pytest.fixture
def fresh_install(db):
    out = StringIO()
    call_command("load_taxonomy", stdout=out)
    return out.getvalue()


def test_fresh_database_has_only_the_taxonomy(fresh_install):
    assert "32 created, 0 updated, 0 unchanged" in fresh_install
    assert ServiceCategory.objects.filter(parent__isnull=True).count() == 8
    assert ServiceCategory.objects.filter(parent__isnull=False).count() == 24
    assert (Member.objects.count(), Post.objects.count(), User.objects.count()) == (0, 0, 0)


def test_fresh_database_serves_every_public_page_in_both_languages(client, fresh_install):
    start = [page.format(lang=lang) for page in PUBLIC_PAGES for lang in ("pl", "en")]

    seen, problems = crawl(client, start)

    assert problems == []
    assert len(seen) >= len(start)


def test_fresh_database_serves_the_machine_readable_pages(client, fresh_install):
    statuses = {path: client.get(path).status_code for path in MACHINE_PAGES}

    assert statuses == dict.fromkeys(MACHINE_PAGES, 200)
