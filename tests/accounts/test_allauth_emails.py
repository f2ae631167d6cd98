"""allauth's emails (password reset, address verification) are the portal's: in the
recipient's preferred language whatever page asked for them, signed with the cluster's
name, text and HTML, and their links open in that language."""

import re

import pytest
from django.conf import settings

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

POLISH_BROWSER = {"accept-language": "pl-PL,pl;q=0.9"}
ENGLISH_BROWSER = {"accept-language": "en-GB,en;q=0.9"}


def link_in(text: str) -> str:
    return re.search(r"http://\S+/accounts/\S+", text).group(0)


def request_reset(client, email, headers, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": email}, headers=headers)
    assert response.status_code == 302


def test_password_reset_is_in_the_users_language_not_the_pages(client, mailoutbox, django_capture_on_commit_callbacks):
    UserFactory(email="producer@example.org", preferred_language="en")

    request_reset(client, "producer@example.org", POLISH_BROWSER, django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.subject == "Password Reset Email"
    assert message.body.startswith("Hello from Krakow Film Cluster!")
    assert "Thank you for using the portal of Krakow Film Cluster." in message.body
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"
    assert '<html lang="en">' in html
    assert "Krakow Film Cluster" in html
    assert link_in(message.body).endswith("?lang=en")


def test_password_reset_in_polish_for_a_polish_user_and_its_link_opens_in_polish(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="operator@example.org", preferred_language="pl")

    request_reset(client, "operator@example.org", ENGLISH_BROWSER, django_capture_on_commit_callbacks)

    message = mailoutbox[0]
    assert message.body.startswith("Dzień dobry, tu Krakowski Klaster Filmowy.")
    assert "Password Reset" not in message.subject
    link = link_in(message.body)
    assert "?lang=pl" in link
    page = client.get(link.removeprefix(settings.SITE_URL), headers=ENGLISH_BROWSER, follow=True)
    assert page.status_code == 200
    assert '<html lang="pl">' in page.content.decode()
