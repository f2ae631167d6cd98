"""The language switch leads to the same page in the other language from any state, and
the language cookie follows the language a person reads (core.i18n)."""

import re

import pytest
from django.conf import settings
from django.utils import translation

from accounts.models import User
from core.i18n import absolute_url, translate_path
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME
ENGLISH_BROWSER = {"accept-language": "en-GB,en;q=0.9"}
POLISH_BROWSER = {"accept-language": "pl-PL,pl;q=0.9"}


def switch_links(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="lang-switch".*?</nav>', html, re.S).group(0)
    found = re.findall(r'href="([^"]*)"\s+hreflang="(\w+)"', nav)
    return {code: href.replace("&amp;", "&") for href, code in found}


@pytest.mark.parametrize(("language", "expected"), [("en", "/en/members/?service=sound&q=kamera"), ("pl", None)])
def test_translate_path_resolves_in_the_language_of_the_path_itself(language, expected, settings):
    # Whatever is active (an English browser), a Polish path resolves as Polish.
    with translation.override("en"):
        translated = translate_path("/pl/members/?service=sound&q=kamera", language)

    assert translated == (expected or "/pl/members/?service=sound&q=kamera")


def test_translate_path_leaves_pages_outside_the_prefix():
    assert translate_path("/accounts/login/?next=/pl/", "en") == "/accounts/login/?next=/pl/"


@pytest.mark.parametrize(("headers", "cookie"), [(ENGLISH_BROWSER, None), (POLISH_BROWSER, "en"), ({}, "pl")])
def test_switch_on_a_polish_profile_leads_to_the_same_profile_with_its_query(client, headers, cookie):
    MemberFactory(slug="kadr", name="Kadr")
    if cookie:
        client.cookies[COOKIE] = cookie

    html = client.get("/pl/members/kadr/?from=home", headers=headers).content.decode()

    assert switch_links(html) == {"pl": "/pl/members/kadr/?from=home", "en": "/en/members/kadr/?from=home"}


@pytest.mark.parametrize("headers", [ENGLISH_BROWSER, POLISH_BROWSER])
def test_switch_on_a_filtered_english_catalogue_keeps_the_filters(client, headers):
    html = client.get("/en/members/?city=Krak%C3%B3w&service=sound&page=2", headers=headers).content.decode()

    assert switch_links(html)["pl"] == "/pl/members/?city=Krak%C3%B3w&service=sound&page=2"


def test_switch_is_the_same_for_a_logged_in_member(client):
    client.force_login(User.objects.create_user(email="m@example.org", password="x"))

    html = client.get("/pl/news/?category=funding", headers=ENGLISH_BROWSER).content.decode()

    assert switch_links(html) == {"pl": "/pl/news/?category=funding", "en": "/en/news/?category=funding"}


def test_setlang_from_an_english_browser_leaves_the_polish_page(client):
    # The defect: Django's view translated `next` in the browser's language and stayed on /pl/.
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/pl/news/?category=funding"}, headers=ENGLISH_BROWSER
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/news/?category=funding"
    assert response.cookies[COOKIE].value == "en"


def test_setlang_from_a_polish_browser_with_an_english_cookie_goes_back_to_polish(client):
    client.cookies[COOKIE] = "en"

    response = client.post("/i18n/setlang/", {"language": "pl", "next": "/en/events/"}, headers=POLISH_BROWSER)

    assert response["Location"] == "/pl/events/"
    assert response.cookies[COOKIE].value == "pl"


def test_setlang_on_a_page_outside_the_prefix_returns_to_it_with_the_cookie(client):
    response = client.post(
        "/i18n/setlang/", {"language": "pl", "next": "/accounts/login/?next=/en/members/"}, headers=ENGLISH_BROWSER
    )

    assert response["Location"] == "/accounts/login/?next=/en/members/"
    assert response.cookies[COOKIE].value == "pl"


def test_setlang_refuses_another_site_as_next(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example.com/pl/"})

    assert response["Location"] == "/"


def test_setlang_by_get_sets_nothing_and_leads_to_the_page_in_that_language(client):
    response = client.get("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})

    assert response["Location"] == "/accounts/login/?lang=en"
    assert COOKIE not in response.cookies


def test_log_in_link_on_a_polish_page_opens_log_in_in_polish_for_an_english_browser(client):
    html = client.get("/pl/news/?category=funding", headers=ENGLISH_BROWSER).content.decode()
    link = re.search(r'class="account-nav__login"\s+href="([^"]*)"', html).group(1).replace("&amp;", "&")
    assert link == "/accounts/login/?next=/pl/news/%3Fcategory%3Dfunding&lang=pl"

    login = client.get(link, headers=ENGLISH_BROWSER)

    assert '<html lang="pl">' in login.content.decode()
    assert login.cookies[COOKIE].value == "pl"
    assert '<input type="hidden" name="next" value="/pl/news/?category=funding">' in login.content.decode()


def test_reading_a_page_in_the_other_language_creates_no_cookie(client):
    response = client.get("/pl/news/", headers=ENGLISH_BROWSER)

    assert COOKIE not in response.cookies
    assert response["Cache-Control"] == "public, max-age=60"


def test_switching_back_to_english_moves_the_cookie_too(client):
    client.cookies[COOKIE] = "pl"

    response = client.get("/en/news/", headers=ENGLISH_BROWSER)

    assert response.cookies[COOKIE].value == "en"
    assert client.get("/").headers["Location"] == "/en/"


def test_no_cookie_while_the_browser_already_speaks_the_pages_language(client):
    response = client.get("/en/news/", headers=ENGLISH_BROWSER)

    assert COOKIE not in response.cookies
    assert response["Cache-Control"].startswith("public")  # still a shared cached page


def test_login_page_has_a_switch_form_back_to_itself(client):
    html = client.get("/accounts/login/?next=/pl/members/", headers=POLISH_BROWSER).content.decode()

    form = re.search(r'<form class="lang-switch".*?</form>', html, re.S).group(0)
    assert 'action="/i18n/setlang/"' in form
    assert '<input type="hidden" name="next" value="/accounts/login/?next=/pl/members/">' in form
    buttons = re.findall(r'value="(\w+)"\s+lang="\w+"\s+aria-pressed="(\w+)"', form)
    assert buttons == [("pl", "true"), ("en", "false")]  # Polish is the current one


def test_lang_parameter_opens_a_page_outside_the_prefix_in_that_language(client):
    response = client.get("/accounts/password/reset/?lang=en", headers=POLISH_BROWSER)

    assert '<html lang="en">' in response.content.decode()
    assert response.cookies[COOKIE].value == "en"


def test_admin_has_the_switch_and_follows_the_cookie(client):
    coordinator = User.objects.create_superuser(email="c@example.org", password="x")
    client.force_login(coordinator)
    client.cookies[COOKIE] = "en"

    html = client.get("/admin/news/post/").content.decode()

    assert '<html lang="en"' in html
    assert 'class="lang-switch"' in html
    assert '<input type="hidden" name="next" value="/admin/news/post/">' in html


@pytest.mark.parametrize(
    ("path", "language", "expected"),
    [
        ("/pl/events/x/", "en", "http://testserver/en/events/x/"),
        ("/accounts/password/reset/", "en", "http://testserver/accounts/password/reset/?lang=en"),
        ("/admin/news/post/?status=a", "pl", "http://testserver/admin/news/post/?status=a&lang=pl"),
    ],
)
def test_absolute_url_opens_in_the_readers_language(path, language, expected, settings):
    settings.SITE_URL = "http://testserver"

    assert absolute_url(path, language) == expected
