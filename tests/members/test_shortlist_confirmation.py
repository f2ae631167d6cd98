"""The producer's confirmation of a shortlist inquiry lists what it went to (firms,
then locations), on the page after sending and in an email in the producer's language."""

import re

import pytest

from members.models import Member
from tests.factories.locations import LocationFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db

INQUIRY = {
    "name": "Jane <Producer>",
    "email": "jane@northstar.example.org",
    "company": "North Star Films",
    "message": "We shoot in May.",
    "consent": "on",
}


@pytest.fixture
def shortlist(db):
    MemberFactory(slug="kadr", name="Kadr Studio", email="office@kadr.example.org")
    MemberFactory(slug="dzwiek", name="Dźwięk & Co", email="hello@dzwiek.example.org")
    LocationFactory(slug="castle", name_en="Castle above the river", name_pl="Zamek nad rzeką")


@pytest.mark.parametrize(
    ("lang", "companies", "locations", "castle", "went_to"),
    [
        ("en", "Companies", "Locations", "Castle above the river", "Your inquiry went to"),
        ("pl", "Firmy", "Lokalizacje", "Zamek nad rzeką", "Twoje zapytanie trafiło do"),
    ],
)
def test_the_sent_page_and_the_producers_email_list_the_recipients(
    client, shortlist, mailoutbox, django_capture_on_commit_callbacks, lang, companies, locations, castle, went_to
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/{lang}/members/shortlist/", {**INQUIRY, "members": "kadr,dzwiek", "locations": "castle"}, follow=True
        )

    html = response.content.decode()
    assert response.redirect_chain == [(f"/{lang}/members/shortlist/sent/", 302)]
    assert f"<h2>{went_to}</h2>" in html
    assert re.search(rf"<h3>{companies}</h3>\s*<ul class=\"sent-to\">", html)
    assert f'<a href="/{lang}/members/kadr/">Kadr Studio</a>' in html
    assert f'<a href="/{lang}/members/dzwiek/">Dźwięk &amp; Co</a>' in html
    assert f"<h3>{locations}</h3>" in html
    assert f'<a href="/{lang}/locations/castle/">{castle}</a>' in html

    (receipt,) = [m for m in mailoutbox if m.to == ["jane@northstar.example.org"]]
    assert f"{companies}:\n- Kadr Studio (" in receipt.body or f"{companies}:\n- Dźwięk & Co (" in receipt.body
    assert f"/{lang}/members/kadr/)" in receipt.body
    assert f"/{lang}/members/dzwiek/)" in receipt.body
    assert f"{locations}:\n- {castle} (" in receipt.body
    assert f"/{lang}/locations/castle/)" in receipt.body
    assert "Jane <Producer>" in receipt.body  # plain text is not HTML-escaped
    html_part = receipt.alternatives[0][0]
    assert "Jane &lt;Producer&gt;" in html_part
    assert "Dźwięk &amp; Co" in html_part


def test_the_sent_page_without_an_inquiry_in_the_session_lists_nothing(client):
    response = client.get("/en/members/shortlist/sent/")

    assert response.status_code == 200
    assert "Your inquiry went to" not in response.content.decode()


def test_a_firm_hidden_after_sending_is_not_shown_on_the_sent_page(client, shortlist):
    client.post("/en/members/shortlist/", {**INQUIRY, "members": "kadr,dzwiek"})

    Member.objects.filter(slug="kadr").update(is_public=False)

    html = client.get("/en/members/shortlist/sent/").content.decode()

    assert "Kadr Studio" not in html
    assert "Dźwięk &amp; Co" in html
