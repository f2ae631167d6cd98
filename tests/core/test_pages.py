import re

import pytest
from django.core.management import call_command

from tests.sitemaps import sitemap_urls

pytestmark = pytest.mark.django_db


def test_root_redirects_to_polish_by_default(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/pl/"


def test_root_redirects_to_english_for_english_browser(client):
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})

    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.parametrize(("path", "lang", "label"), [("/pl/", "pl", "Katalog"), ("/en/", "en", "Catalogue")])
def test_home_page_is_in_the_language_of_its_prefix(client, path, lang, label):
    response = client.get(path)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in html
    assert f">{label}</a>" in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1


def test_language_switch_keeps_the_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/pl/news/"})

    assert response.status_code == 302
    assert response["Location"] == "/en/news/"


def test_home_page_has_hreflang_alternates(client):
    html = client.get("/en/").content.decode()

    assert '<link rel="alternate" hreflang="pl" href="http://testserver/pl/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/">' in html


def test_robots_txt_points_to_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_sitemap_is_xml_with_both_languages(client):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [url.findtext("s:loc", namespaces=ns) for url in sitemap_urls(client)]
    assert "http://testserver/pl/" in locations
    assert "http://testserver/en/" in locations


def test_no_pending_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
