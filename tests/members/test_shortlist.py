import pytest

from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db

TOGGLE = "/en/members/shortlist/toggle/"


def test_shortlist_add_from_the_catalogue_and_review(client):
    MemberFactory(slug="kadr", name="Kadr Studio")
    MemberFactory(slug="swiatlo", name="Światło")

    client.post(TOGGLE, {"member": "swiatlo", "action": "add", "next": "/en/members/"})
    client.post(TOGGLE, {"member": "kadr", "action": "add", "next": "/en/members/"})
    response = client.get("/en/members/shortlist/")

    assert [m.slug for m in response.context["members"]] == ["swiatlo", "kadr"]
    assert "Your shortlist" in response.text
    assert 'value="http://testserver/en/members/shortlist/?members=swiatlo,kadr"' in response.text
    assert 'name="members" value="swiatlo,kadr"' in response.text
    assert "Print the shortlist" in response.text


def test_shortlist_add_twice_keeps_one_entry_and_remove_drops_it(client):
    MemberFactory(slug="kadr")
    client.post(TOGGLE, {"member": "kadr", "action": "add"})
    client.post(TOGGLE, {"member": "kadr", "action": "add"})
    assert client.session["members_shortlist"] == ["kadr"]

    client.post(TOGGLE, {"member": "kadr", "action": "remove"})

    assert client.session["members_shortlist"] == []


def test_shortlist_toggle_returns_to_the_page_but_never_off_site(client):
    MemberFactory(slug="kadr")

    back = client.post(TOGGLE, {"member": "kadr", "action": "add", "next": "/en/members/kadr/"})
    off_site = client.post(TOGGLE, {"member": "kadr", "action": "add", "next": "https://evil.example.com/"})

    assert back.url == "/en/members/kadr/"
    assert off_site.url == "/en/members/shortlist/"


def test_shortlist_button_changes_on_profile_and_catalogue(client):
    MemberFactory(slug="kadr", name="Kadr Studio")
    assert "Add to shortlist" in client.get("/en/members/kadr/").text

    client.post(TOGGLE, {"member": "kadr", "action": "add"})

    assert "Remove from shortlist" in client.get("/en/members/kadr/").text
    assert "Shortlist (1 company)" in client.get("/en/members/").text


def test_shared_shortlist_link_shows_those_members_without_a_session(client):
    MemberFactory(slug="kadr", name="Kadr Studio")
    MemberFactory(slug="swiatlo", name="Światło")

    response = client.get("/en/members/shortlist/", {"members": "kadr,swiatlo,unknown"})

    assert [m.slug for m in response.context["members"]] == ["kadr", "swiatlo"]
    assert "A shared shortlist" in response.text
    assert "members_shortlist" not in client.session


def test_empty_shortlist_explains_how_to_fill_it(client):
    response = client.get("/en/members/shortlist/")

    assert "Your shortlist is empty." in response.text
    assert 'name="members"' not in response.text
