"""Forms on cached pages carry no CSRF token: the browser's Origin must name this site."""

import pytest
from django.test import Client

from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db
TOGGLE = "/en/members/shortlist/toggle/"


@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=True)


def test_same_origin_post_without_token_is_accepted(browser):
    MemberFactory(slug="kadr")

    response = browser.post(TOGGLE, {"add": "kadr", "next": "/en/members/"}, headers={"Origin": "http://testserver"})

    assert (response.status_code, response["Location"]) == (302, "/en/members/")
    assert browser.session["members_shortlist"] == ["kadr"]


@pytest.mark.parametrize("headers", [{"Origin": "https://evil.example.org"}, {"Sec-Fetch-Site": "cross-site"}, {}])
def test_cross_site_or_unknown_post_without_token_is_refused(browser, headers):
    MemberFactory(slug="kadr")

    response = browser.post(TOGGLE, {"add": "kadr"}, headers=headers)

    assert response.status_code == 403
    assert "members_shortlist" not in browser.session


def test_profile_inquiry_from_another_site_is_refused(browser):
    MemberFactory(slug="kadr")

    response = browser.post("/en/members/kadr/", {"name": "X"}, headers={"Origin": "https://evil.example.org"})

    assert response.status_code == 403
