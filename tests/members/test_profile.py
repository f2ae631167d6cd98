import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories.members import (
    CreditFactory,
    GalleryImageFactory,
    MemberFactory,
    MemberServiceFactory,
    ResourceFactory,
    ServiceCategoryFactory,
    png_bytes,
)
from tests.sitemaps import sitemap_urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def kadr():
    member = MemberFactory(
        slug="kadr",
        name="Kadr Studio",
        city="Kraków",
        tagline_en="Camera rental in Krakow",
        tagline_pl="Wypożyczalnia kamer w Krakowie",
        description_pl="Opis po polsku.",
        description_en="",
        email="office@kadr.example.org",
        phone="+48 12 555 00 00",
        website="https://kadr.example.org",
        logo=SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png"),
    )
    camera = ServiceCategoryFactory(slug="camera", name_en="Camera rental", name_pl="Kamery")
    MemberServiceFactory(member=member, category=camera, description_en="ARRI and RED packages")
    CreditFactory(member=member, title="Cisza nad Rabą", year=2021, role_en="camera package")
    ResourceFactory(member=member, name_en="ARRI Alexa Mini", quantity=3)
    GalleryImageFactory(member=member, caption_en="Our stage")
    return member


def test_profile_shows_everything_public(client, kadr):
    response = client.get("/en/members/kadr/")

    text = response.text
    assert response.status_code == 200
    for expected in [
        "<h1>Kadr Studio</h1>",
        "Camera rental in Krakow",
        "Opis po polsku.",
        "Camera rental",
        "ARRI and RED packages",
        "<cite>Cisza nad Rabą</cite>",
        "camera package",
        "ARRI Alexa Mini",
        'alt="Our stage"',
        "office@kadr.example.org",
        "+48 12 555 00 00",
        "https://kadr.example.org",
        "Send an inquiry to this company",
    ]:
        assert expected in text, expected


def test_profile_shows_last_updated(client, kadr):
    response = client.get("/en/members/kadr/")

    updated = timezone.localtime(kadr.__class__.objects.get(pk=kadr.pk).updated_at)
    assert f'<time datetime="{updated.isoformat()}">' in response.text
    assert "Last updated" in response.text


def test_profile_notes_text_shown_in_the_other_language(client, kadr):
    english = client.get("/en/members/kadr/").text
    polish = client.get("/pl/members/kadr/").text

    assert "This text is available only in Polish." in english
    assert '<div class="member-profile__description" lang="pl">' in english
    assert "translation-note" not in polish


def test_profile_seo_title_description_and_open_graph(client, kadr):
    text = client.get("/en/members/kadr/").text

    assert re.search(r"<title>\s*Kadr Studio · Kraków\s*·", text)
    assert '<meta name="description"\n          content="Kadr Studio, Kraków. Camera rental in Krakow">' in text
    assert '<meta property="og:title" content="Kadr Studio">' in text
    assert '<meta property="og:url" content="http://testserver/en/members/kadr/">' in text
    assert '<meta property="og:locale" content="en_GB">' in text
    assert re.search(r'<meta property="og:image" content="http://testserver/media/thumbs/[^"]+\.webp">', text)


def test_profile_hreflang_alternates(client, kadr):
    text = client.get("/en/members/kadr/").text

    assert '<link rel="alternate" hreflang="pl" href="http://testserver/pl/members/kadr/">' in text
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/members/kadr/">' in text


def test_profile_organization_json_ld(client, kadr):
    text = client.get("/en/members/kadr/").text

    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "Organization"
    assert data["name"] == "Kadr Studio"
    assert data["url"] == "http://testserver/en/members/kadr/"
    assert data["email"] == "office@kadr.example.org"
    assert data["address"] == {"@type": "PostalAddress", "addressLocality": "Kraków", "addressCountry": "PL"}
    assert data["knowsAbout"] == ["Camera rental"]


def test_profile_json_ld_cannot_close_its_script_element(client):
    MemberFactory(slug="evil", name="</script><script>alert(1)</script>")

    text = client.get("/en/members/evil/").text

    assert "<script>alert(1)" not in text
    assert "\\u003C/script\\u003E" in text


def test_profile_escapes_what_members_wrote(client):
    MemberFactory(slug="evil", description_en="<img src=x onerror=alert(1)>")

    text = client.get("/en/members/evil/").text

    assert "<img src=x" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text


def test_sitemap_is_xml_and_lists_both_languages_of_each_public_profile(client):
    MemberFactory(slug="kadr")
    MemberFactory(slug="swiatlo")
    MemberFactory(slug="hidden", is_public=False)

    urls = sitemap_urls(client)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locations = [url.findtext("s:loc", namespaces=ns) for url in urls]
    member_locations = sorted(loc for loc in locations if "/members/" in loc)
    assert member_locations == [
        "http://testserver/en/members/kadr/",
        "http://testserver/en/members/swiatlo/",
        "http://testserver/pl/members/kadr/",
        "http://testserver/pl/members/swiatlo/",
    ]
    for url in urls:
        if url.find("s:loc", ns).text == "http://testserver/en/members/kadr/":
            alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
            assert alternates["pl"] == "http://testserver/pl/members/kadr/"
            assert alternates["en"] == "http://testserver/en/members/kadr/"
            assert url.find("s:lastmod", ns) is not None


def test_robots_txt_points_to_the_sitemap_and_lets_the_catalogue_be_crawled(client):
    response = client.get("/robots.txt")

    lines = response.text.splitlines()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert not [line for line in lines if line.startswith("Disallow:") and "/members/" in line]


def test_adding_or_removing_a_gallery_image_moves_last_updated():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from members.models import Member

    long_ago = datetime(2020, 1, 1, tzinfo=ZoneInfo("Europe/Warsaw"))
    member = MemberFactory()
    Member.objects.filter(pk=member.pk).update(updated_at=long_ago)

    image = GalleryImageFactory(member=member)
    member.refresh_from_db()
    assert member.updated_at > long_ago

    Member.objects.filter(pk=member.pk).update(updated_at=long_ago)
    image.delete()
    member.refresh_from_db()
    assert member.updated_at > long_ago
