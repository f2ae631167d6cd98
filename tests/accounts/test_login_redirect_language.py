"""A members-only page reached anonymously sends to the login page in the page's
language (``?lang=`` beside ``next=``), whatever the browser or the cookie says."""

import re

import pytest
from django.conf import settings

from tests.factories.events import EventFactory

pytestmark = pytest.mark.django_db

BROWSER = {"en": {"accept-language": "pl-PL,pl;q=0.9"}, "pl": {"accept-language": "en-GB,en;q=0.9"}}
LOGIN_HEADING = {"en": "Log in", "pl": "Zaloguj"}


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_members_only_page_redirects_to_the_login_in_the_pages_language(client, lang):
    other = "pl" if lang == "en" else "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = other  # the browser and the cookie both say the other one

    response = client.get(f"/{lang}/events/my-calendar/", headers=BROWSER[lang])

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/{lang}/events/my-calendar/&lang={lang}"
    login = client.get(response["Location"], headers=BROWSER[lang])
    html = login.content.decode()
    assert f'<html lang="{lang}">' in html
    assert re.search(rf"<h1[^>]*>\s*{LOGIN_HEADING[lang]}", html)
    assert f'value="/{lang}/events/my-calendar/"' in html  # next= survives into the form


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_cancel_confirmation_reached_anonymously_keeps_the_language(client, lang):
    event = EventFactory()

    response = client.get(f"/{lang}/events/{event.slug}/cancel/", headers=BROWSER[lang])

    assert response["Location"] == f"/accounts/login/?next=/{lang}/events/{event.slug}/cancel/&lang={lang}"


def test_a_redirect_elsewhere_is_left_alone(client):
    response = client.post("/en/members/shortlist/toggle/", {"member": "nobody", "action": "remove"})

    assert "lang=" not in response.get("Location", "")
