"""Every filming page is public and the same for anonymous visitors, members of two
firms and the coordinator; it is in the sitemap and the site search."""

import pytest

from tests.factories.accounts import CoordinatorFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "outsider", "member", "other_member", "coordinator"]
PATHS = {
    "/en/filming/": 200,
    "/pl/filming/": 200,
    "/en/filming/permits/": 200,
    "/en/filming/draft/": 404,
    "/en/filming/incentives/": 200,
    "/en/filming/estimate/": 200,
    "/en/filming/estimate/?kind=feature&spend_crew_cast=1000000": 200,
    "/en/filming/estimate/sent/": 200,
}


def _login(client, persona):
    users = {
        "anonymous": None,
        "outsider": UserFactory,
        "member": lambda: MembershipFactory().user,
        "other_member": lambda: MembershipFactory().user,
        "coordinator": CoordinatorFactory,
    }
    if users[persona] is not None:
        client.force_login(users[persona]())


@pytest.mark.parametrize("persona", PERSONAS)
def test_filming_pages_permission_matrix(client, guide, persona):
    _login(client, persona)

    statuses = {path: client.get(path).status_code for path in PATHS}

    assert statuses == PATHS


def test_sitemap_lists_the_filming_pages_in_both_languages(client, guide):
    index = client.get("/sitemap.xml").content.decode()
    pages = client.get("/sitemap-filming.xml").content.decode()
    guide_xml = client.get("/sitemap-filming-guide.xml").content.decode()

    assert "/sitemap-filming.xml" in index
    assert "/sitemap-filming-guide.xml" in index
    for path in ["/en/filming/", "/pl/filming/", "/en/filming/incentives/", "/pl/filming/estimate/"]:
        assert f"<loc>http://testserver{path}</loc>" in pages
    assert "<loc>http://testserver/en/filming/permits/</loc>" in guide_xml
    assert "/filming/draft/" not in guide_xml


def test_site_search_finds_guide_pages_and_schemes_but_not_drafts(client, guide):
    html = client.get("/en/search/", {"q": "drones"}).content.decode()
    schemes = client.get("/en/search/", {"q": "national rebate"}).content.decode()

    assert 'href="/en/filming/permits/"' in html
    assert 'href="/en/filming/draft/"' not in html
    assert 'href="/en/filming/incentives/#national-rebate"' in schemes


def test_guide_pages_are_served_from_the_page_cache_until_a_page_changes(
    client, guide, django_capture_on_commit_callbacks
):
    first = client.get("/en/filming/")
    second = client.get("/en/filming/")
    guide["faq"].title_en = "Answers"
    with django_capture_on_commit_callbacks(execute=True):
        guide["faq"].save()
    third = client.get("/en/filming/")

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert "Answers" in third.content.decode()
