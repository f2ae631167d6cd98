"""The layout's footer and main navigation are rendered once per process and kept
(``CACHES["fragments"]``): each page still shows its own section as current, a member
still sees the members' links, and a branding change shows at once."""

import pytest

from core.models import Branding
from tests.factories.accounts import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _rendered(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every page rendered: only the fragments are kept


def main_nav(response) -> str:
    page = response.content.decode()
    start = page.index('<nav class="site-nav"')
    return page[start : page.index("</nav>", start)]


def current_link(response) -> str:
    nav = main_nav(response)
    link = nav[: nav.index('aria-current="page"')].rsplit("<a ", 1)[1]
    return link.split('href="', 1)[1].split('"', 1)[0]


def test_each_section_marks_itself_current_in_the_kept_navigation(client):
    for _ in range(2):  # the second time from the fragments
        assert current_link(client.get("/en/members/")) == "/en/members/"
        assert current_link(client.get("/en/news/")) == "/en/news/"
        assert 'aria-current="page"' not in main_nav(client.get("/en/search/", {"q": "x"}))


def test_the_navigation_is_kept_per_language(client):
    client.get("/en/members/")

    polish = main_nav(client.get("/pl/members/"))

    assert 'href="/pl/news/"' in polish
    assert "/en/" not in polish


def test_a_member_sees_the_members_navigation_after_a_visitor_and_back(client):
    visitor = main_nav(client.get("/en/news/"))
    client.force_login(MembershipFactory().user)
    member = main_nav(client.get("/en/news/"))
    client.logout()

    assert 'href="/en/cooperation/"' not in visitor
    assert 'href="/en/productions/showcase/"' in visitor
    assert 'href="/en/cooperation/"' in member
    assert 'href="/en/productions/"' in member
    assert 'href="/en/cooperation/"' not in main_nav(client.get("/en/news/"))


def test_a_branding_change_shows_in_the_kept_footer_at_once(client):
    Branding.objects.create(name_en="Old Name", about_en="Founded long ago.")
    assert "Founded long ago." in client.get("/en/news/").content.decode()

    branding = Branding.objects.get()
    branding.about_en = "Founded in 2020."
    branding.save()
    page = client.get("/en/news/").content.decode()

    assert "Founded in 2020." in page
    assert "Founded long ago." not in page
