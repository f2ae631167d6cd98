"""People on the producer's shortlist, as a section of the shortlist registry beside
companies and locations: one inquiry reaches every company, location and person."""

import pytest

from locations.models import LocationInquiry
from members.shortlist import sections
from people.models import PersonInquiry
from people.shortlist import PeopleShortlistSection
from tests.factories.locations import LocationFactory
from tests.factories.members import MemberFactory
from tests.factories.people import PersonFactory

pytestmark = pytest.mark.django_db

TOGGLE = "/en/people/shortlist/toggle/"
SHORTLIST = "/en/members/shortlist/"


def _inquiry(**changes):
    data = {
        "name": "Jane Producer",
        "email": "jane@northstar.example.org",
        "company": "North Star Films",
        "message": "A feature in July: we need a gaffer.",
        "consent": "on",
    }
    return data | changes


def test_people_are_a_section_of_the_shortlist_registry():
    assert [s for s in sections() if s.key == "people"][0].__class__ is PeopleShortlistSection
    assert {"locations", "people"} <= {s.key for s in sections()}


def test_a_person_added_shows_in_their_section_with_a_remove_button_and_the_shared_link(client, person):
    MemberFactory(slug="kadr", name="Kadr Studio")
    client.post("/en/members/shortlist/toggle/", {"member": "kadr", "action": "add"})

    back = client.post(TOGGLE, {"person": "anna-gaffer", "action": "add", "next": "/en/people/anna-gaffer/"})
    page = client.get(SHORTLIST)

    assert back.url == "/en/people/anna-gaffer/"
    assert client.session["people_shortlist"] == ["anna-gaffer"]
    assert "1 person from crew and artists" in page.text
    assert "Anna Gaffer" in page.text
    assert 'name="people" value="anna-gaffer"' in page.text
    assert 'name="remove" value="anna-gaffer"' in page.text
    assert "members=kadr&amp;people=anna-gaffer" in page.text
    assert "anna-gaffer@private.example.org" not in page.text


def test_a_shared_link_shows_its_people_without_a_session(client, person):
    page = client.get(SHORTLIST, {"members": "", "people": "anna-gaffer,nobody"})

    assert page.status_code == 200
    assert page.context["shared"] is True
    assert "Anna Gaffer" in page.text
    assert 'name="people" value="anna-gaffer"' in page.text


def test_hidden_people_are_not_added_shown_or_sent(client, mailoutbox, django_capture_on_commit_callbacks):
    PersonFactory(name="Hidden Harry", slug="hidden-harry", is_public=False)

    assert client.post(TOGGLE, {"add": "hidden-harry"}).status_code == 404
    assert "Hidden Harry" not in client.get(SHORTLIST, {"members": "", "people": "hidden-harry"}).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SHORTLIST, _inquiry(members="", people="hidden-harry"))

    assert response.status_code == 400
    assert "Your shortlist is empty." in response.text
    assert not PersonInquiry.objects.exists()
    assert mailoutbox == []


def test_one_inquiry_reaches_a_company_a_location_and_a_person(
    client, person, mailoutbox, settings, django_capture_on_commit_callbacks
):
    MemberFactory(slug="kadr", name="Kadr Studio", email="office@kadr.example.org")
    LocationFactory(slug="castle", name_en="Castle above the river", name_pl="Zamek nad rzeką")
    client.post("/en/members/shortlist/toggle/", {"member": "kadr", "action": "add"})
    client.post("/en/locations/shortlist/", {"location": "castle", "action": "add"})
    client.post(TOGGLE, {"add": "anna-gaffer"})

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SHORTLIST, _inquiry(members="kadr", locations="castle", people="anna-gaffer"))

    assert response.status_code == 302
    (sent,) = PersonInquiry.objects.all()
    assert sent.person == person
    assert LocationInquiry.objects.get().inquiry == sent.inquiry
    assert [m.slug for m in sent.inquiry.recipients.all()] == ["kadr"]
    to_person = [m for m in mailoutbox if m.to == ["anna-gaffer@private.example.org"]]
    assert len(to_person) == 1
    assert "we need a gaffer" in to_person[0].body
    assert to_person[0].reply_to == ["jane@northstar.example.org"]
    assert any(m.to == ["office@kadr.example.org"] for m in mailoutbox)


def test_a_shortlist_of_people_alone_is_sent_once_even_on_a_double_click(
    client, person, mailoutbox, django_capture_on_commit_callbacks
):
    client.post(TOGGLE, {"add": "anna-gaffer"})

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(SHORTLIST, _inquiry(members="", people="anna-gaffer"))
        again = client.post(SHORTLIST, _inquiry(members="", people="anna-gaffer"))

    assert first.status_code == again.status_code == 302
    assert PersonInquiry.objects.filter(person=person).count() == 1
    assert [m.to for m in mailoutbox if "we need a gaffer" in m.body].count(["anna-gaffer@private.example.org"]) == 1
