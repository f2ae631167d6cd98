import xml.etree.ElementTree as ET

import pytest

from tests.factories.news import CallFactory, MembersOnlyPostFactory, PostFactory, ScheduledPostFactory
from tests.sitemaps import sitemap_urls

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def _feed_items(response):
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return [(item.findtext("title"), item.findtext("link")) for item in root.iter("item")]


def _sitemap_locations(client):
    return [url.findtext("s:loc", namespaces=SITEMAP_NS) for url in sitemap_urls(client)]


@pytest.mark.parametrize("reader", ["anonymous", "outsider", "member", "coordinator"], indirect=True)
def test_news_feed_has_public_published_posts_only_for_every_reader(reader):
    PostFactory(slug="public", title_en="Public news")
    CallFactory(slug="call", title_en="Public call")
    MembersOnlyPostFactory(slug="members", title_en="Members news")
    ScheduledPostFactory(slug="scheduled", title_en="Scheduled news")

    response = reader.get("/en/news/feed/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert sorted(_feed_items(response)) == [
        ("Public call", "http://testserver/en/news/call/"),
        ("Public news", "http://testserver/en/news/public/"),
    ]
    assert b"Members news" not in response.content
    assert b"Scheduled news" not in response.content


def test_news_feed_per_language_has_titles_and_links_of_that_language(client):
    PostFactory(slug="both", title_pl="Po polsku", title_en="In English")

    polish = client.get("/pl/news/feed/")
    english = client.get("/en/news/feed/")

    assert _feed_items(polish) == [("Po polsku", "http://testserver/pl/news/both/")]
    assert _feed_items(english) == [("In English", "http://testserver/en/news/both/")]
    assert ET.fromstring(polish.content).findtext("channel/language") == "pl"  # noqa: S314
    assert ET.fromstring(english.content).findtext("channel/language") == "en"  # noqa: S314


def test_news_feed_description_is_sanitised_summary_text(client):
    PostFactory(slug="s", summary_pl="", summary_en="", body_en="Hello <script>alert(1)</script> **there**")

    response = client.get("/en/news/feed/")

    description = ET.fromstring(response.content).find("channel/item").findtext("description")  # noqa: S314
    assert description == "Hello there"


def test_news_list_advertises_the_feed(client):
    html = client.get("/en/news/").content.decode()

    assert (
        '<link rel="alternate" type="application/rss+xml" title="News · Krakow Film Cluster" href="/en/news/feed/">'
        in html
    )


@pytest.mark.parametrize("reader", ["anonymous", "outsider", "member", "coordinator"], indirect=True)
def test_sitemap_lists_public_published_posts_in_both_languages_only(reader):
    PostFactory(slug="public")
    MembersOnlyPostFactory(slug="members")
    ScheduledPostFactory(slug="scheduled")

    locations = _sitemap_locations(reader)

    news = sorted(loc for loc in locations if "/news/" in loc)
    assert news == ["http://testserver/en/news/public/", "http://testserver/pl/news/public/"]


def test_sitemap_entry_of_post_has_language_alternates(client):
    PostFactory(slug="public")

    url = next(
        u for u in sitemap_urls(client) if u.findtext("s:loc", namespaces=SITEMAP_NS).endswith("/pl/news/public/")
    )
    alternates = sorted((link.get("hreflang"), link.get("href")) for link in url.findall("xhtml:link", SITEMAP_NS))

    assert alternates == [
        ("en", "http://testserver/en/news/public/"),
        ("pl", "http://testserver/pl/news/public/"),
        ("x-default", "http://testserver/news/public/"),
    ]
