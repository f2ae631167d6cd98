"""The sitemap index: pages per kind of at most 5,000 URLs, cached, regenerated on change."""

from xml.etree import ElementTree

import pytest
from django.urls import reverse

from core.sitemaps import MAX_URLS_PER_PAGE, LocalizedSitemap
from members.models import Member
from members.sitemaps import MembersSitemap
from tests.factories.members import MemberFactory
from tests.sitemaps import NS, sitemap_pages

pytestmark = pytest.mark.django_db


def test_pages_hold_at_most_five_thousand_urls():
    assert LocalizedSitemap.limit * 2 == MAX_URLS_PER_PAGE == 5000


def test_index_lists_a_page_per_kind_and_splits_long_ones(client, monkeypatch):
    monkeypatch.setattr(MembersSitemap, "limit", 2)
    for n in range(5):
        MemberFactory(slug=f"firm-{n}")

    response = client.get("/sitemap.xml")
    body = response.content.decode()

    assert response.status_code == 200
    assert "<sitemapindex" in body
    for page in ("sitemap-members.xml", "sitemap-members.xml?p=2", "sitemap-members.xml?p=3"):
        assert f"http://testserver/{page}</loc>" in body
    assert "sitemap-members.xml?p=4" not in body
    assert body.count("<lastmod>") >= 1
    pages = [page for page in sitemap_pages(client) if b"/members/" in page]
    assert max(page.count(b"<url>") for page in pages) <= 4  # two members in two languages


def test_sitemap_page_is_cached_and_regenerated_when_a_member_is_hidden(client, django_assert_num_queries):
    MemberFactory(slug="kadr")
    MemberFactory(slug="swiatlo")
    url = reverse("sitemap-section", kwargs={"section": "members"})
    assert "/members/swiatlo/" in client.get(url).content.decode()

    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200

    swiatlo = Member.objects.get(slug="swiatlo")
    swiatlo.is_public = False
    swiatlo.save()

    body = client.get(url).content.decode()
    assert "/members/swiatlo/" not in body
    assert "/members/kadr/" in body


def test_every_url_keeps_its_language_alternates(client):
    MemberFactory(slug="kadr")

    urls = [
        url
        for page in sitemap_pages(client)
        for url in ElementTree.fromstring(page).findall("s:url", NS)  # noqa: S314 - our own response
    ]

    for url in urls:
        alternates = {link.get("hreflang") for link in url.findall("xhtml:link", NS)}
        assert alternates == {"pl", "en", "x-default"}


def test_unknown_section_is_not_found(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_member_locations_reversed_once_per_page_match_each_profile(client):
    MemberFactory(slug="kadr-i-dzwiek")
    MemberFactory(slug="smok_2")
    page = client.get("/sitemap-members.xml").content

    locations = {url.find("s:loc", NS).text for url in ElementTree.fromstring(page).findall("s:url", NS)}  # noqa: S314

    assert locations == {
        f"http://testserver/{language}/members/{slug}/"
        for language in ("pl", "en")
        for slug in ("kadr-i-dzwiek", "smok_2")
    }
