"""Locations on the producer's shortlist, next to companies: one inquiry, to each
company and to each location's managing firm (the office for its own locations)."""

import pytest

from locations.models import LocationInquiry
from tests.factories.locations import LocationFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db

TOGGLE = "/en/locations/shortlist/"
SHORTLIST = "/en/members/shortlist/"


def _inquiry(**changes):
    data = {
        "name": "Jane Producer",
        "email": "jane@northstar.example.org",
        "company": "North Star Films",
        "message": "We shoot in May.",
        "consent": "on",
    }
    return data | changes


@pytest.fixture
def castle(firm):
    return LocationFactory(slug="castle", name_en="Castle above the river", name_pl="Zamek nad rzeką", manager=firm)


@pytest.fixture
def office_lake(db):
    return LocationFactory(slug="office-lake", name_en="Office lake", name_pl="Jezioro biura")


def test_ask_about_a_location_adds_it_to_the_shortlist_next_to_companies(client, castle):
    MemberFactory(slug="kadr", name="Kadr Studio")
    client.post("/en/members/shortlist/toggle/", {"member": "kadr", "action": "add"})

    back = client.post(TOGGLE, {"location": "castle", "action": "add", "next": "/en/locations/castle/"})
    page = client.get(SHORTLIST)

    assert back.url == "/en/locations/castle/"
    assert client.session["locations_shortlist"] == ["castle"]
    assert [m.slug for m in page.context["members"]] == ["kadr"]
    assert "Castle above the river" in page.text
    assert 'name="locations" value="castle"' in page.text
    assert "Remove from shortlist" in client.get("/en/locations/castle/").text


def test_hidden_or_unknown_locations_cannot_be_added(client):
    LocationFactory(slug="hidden", is_published=False)

    assert client.post(TOGGLE, {"location": "hidden", "action": "add"}).status_code == 404
    assert client.post(TOGGLE, {"location": "nope", "action": "add"}).status_code == 404
    assert client.session.get("locations_shortlist", []) == []


def test_one_inquiry_reaches_the_company_the_managing_firm_and_the_office(
    client, castle, office_lake, member_user, mailoutbox, settings, django_capture_on_commit_callbacks
):
    MemberFactory(slug="kadr", name="Kadr Studio", email="office@kadr.example.org")
    client.post("/en/members/shortlist/toggle/", {"member": "kadr", "action": "add"})
    client.post(TOGGLE, {"location": "castle", "action": "add"})
    client.post(TOGGLE, {"location": "office-lake", "action": "add"})

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SHORTLIST, _inquiry(members="kadr", locations="castle,office-lake"))

    assert response.status_code == 302
    (request_castle, request_lake) = LocationInquiry.objects.order_by("location__slug")
    assert request_castle.location == castle
    assert request_lake.location == office_lake
    by_recipient = {tuple(message.to): message for message in mailoutbox}
    assert set(by_recipient) == {
        ("office@kadr.example.org",),  # the company
        (settings.COORDINATOR_EMAIL,),  # the office's copy and its own location
        ("alpha@example.org",),  # the firm managing the castle, through its user
        ("jane@northstar.example.org",),  # the producer's receipt listing all three
    }
    assert len(mailoutbox) == 5
    to_firm = by_recipient[("alpha@example.org",)]
    assert "Zamek nad rzeką" in to_firm.body  # in the firm's language
    assert "We shoot in May." in to_firm.body
    assert to_firm.reply_to == ["jane@northstar.example.org"]
    office_mails = [m for m in mailoutbox if m.to == [settings.COORDINATOR_EMAIL]]
    assert len(office_mails) == 2
    assert any("Jezioro biura" in m.body for m in office_mails)


def test_a_shortlist_of_locations_alone_can_be_sent(
    client, castle, member_user, mailoutbox, django_capture_on_commit_callbacks
):
    client.post(TOGGLE, {"location": "castle", "action": "add"})

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SHORTLIST, _inquiry(members="", locations="castle"))

    assert response.status_code == 302
    assert [m.to for m in mailoutbox if "Zamek nad rzeką" in m.body] == [["alpha@example.org"]]


def test_an_empty_shortlist_still_says_so(client):
    response = client.post(SHORTLIST, _inquiry(members="", locations=""))

    assert response.status_code == 400
    assert "Your shortlist is empty." in response.text
    assert 'value="Jane Producer"' in response.text


def test_a_double_click_sends_once_but_another_location_is_a_new_inquiry(
    client, castle, office_lake, member_user, mailoutbox, django_capture_on_commit_callbacks
):
    client.post(TOGGLE, {"location": "castle", "action": "add"})

    with django_capture_on_commit_callbacks(execute=True):
        client.post(SHORTLIST, _inquiry(members="", locations="castle"))
        client.post(SHORTLIST, _inquiry(members="", locations="castle"))
        client.post(SHORTLIST, _inquiry(members="", locations="office-lake"))

    assert LocationInquiry.objects.filter(location=castle).count() == 1
    assert LocationInquiry.objects.filter(location=office_lake).count() == 1
