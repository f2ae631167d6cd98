"""Every members view is public: anonymous visitors, member users, other members' users
and coordinators all see the same public pages (hidden members: test_visibility)."""

import pytest

from tests.factories.accounts import CoordinatorFactory, MembershipFactory, UserFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db

GET_PAGES = [
    ("/en/members/", "Catalogue of members"),
    ("/pl/members/", "members/member_list.html"),
    ("/en/members/kadr/", "Kadr Studio"),
    ("/pl/members/kadr/", "Kadr Studio"),
    ("/en/members/kadr/inquiry/sent/", "Thank you, your inquiry is on its way"),
    ("/en/members/shortlist/", "Your shortlist"),
    ("/en/members/shortlist/?members=kadr", "A shared shortlist"),
    ("/en/members/shortlist/sent/", "Thank you, your inquiry is on its way"),
]


@pytest.fixture
def kadr():
    return MemberFactory(slug="kadr", name="Kadr Studio")


def login(client, who, kadr):
    if who == "member":
        client.force_login(MembershipFactory(member=kadr).user)
    elif who == "other_member":
        client.force_login(MembershipFactory(member=MemberFactory()).user)
    elif who == "user_without_firm":
        client.force_login(UserFactory())
    elif who == "coordinator":
        client.force_login(CoordinatorFactory())


WHO = ["anonymous", "member", "other_member", "user_without_firm", "coordinator"]


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(("url", "expected"), GET_PAGES)
def test_members_pages_are_public_for_everyone(client, kadr, who, url, expected):
    login(client, who, kadr)

    response = client.get(url)

    assert response.status_code == 200
    if expected.endswith(".html"):
        assert expected in [t.name for t in response.templates]
    else:
        assert expected in response.text
    assert response.text.count("<h1") == 1


@pytest.mark.parametrize("who", WHO)
def test_shortlist_toggle_works_for_everyone(client, kadr, who):
    login(client, who, kadr)

    response = client.post("/en/members/shortlist/toggle/", {"member": "kadr", "action": "add", "next": "/en/members/"})

    assert response.status_code == 302
    assert response.url == "/en/members/"
    assert client.session["members_shortlist"] == ["kadr"]


@pytest.mark.parametrize("who", WHO)
def test_shortlist_toggle_refuses_get(client, kadr, who):
    login(client, who, kadr)

    assert client.get("/en/members/shortlist/toggle/").status_code == 405


def test_shortlist_toggle_needs_csrf_token(kadr):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    assert client.post("/en/members/shortlist/toggle/", {"member": "kadr", "action": "add"}).status_code == 403


def test_inquiry_form_needs_csrf_token(kadr):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    assert client.post("/en/members/kadr/", {"name": "x"}).status_code == 403


INQUIRY = {
    "name": "Jane Producer",
    "email": "jane@studio.example.org",
    "message": "We shoot in Kraków in May.",
    "consent": "on",
}


@pytest.mark.parametrize("who", WHO)
def test_inquiry_to_a_public_member_can_be_sent_by_everyone(client, kadr, who, django_capture_on_commit_callbacks):
    from members.models import Inquiry

    login(client, who, kadr)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/members/kadr/", INQUIRY)

    assert response.status_code == 302
    assert response.url == "/en/members/kadr/inquiry/sent/"
    assert list(Inquiry.objects.values_list("recipients__slug", flat=True)) == ["kadr"]


@pytest.mark.parametrize("who", WHO)
def test_shortlist_inquiry_can_be_sent_by_everyone(client, kadr, who, django_capture_on_commit_callbacks):
    from members.models import Inquiry

    login(client, who, kadr)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/members/shortlist/", {**INQUIRY, "members": "kadr"})

    assert response.status_code == 302
    assert response.url == "/en/members/shortlist/sent/"
    assert list(Inquiry.objects.values_list("source", flat=True)) == [Inquiry.Source.SHORTLIST]


def test_shortlist_inquiry_needs_csrf_token(kadr):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    assert client.post("/en/members/shortlist/", {**INQUIRY, "members": "kadr"}).status_code == 403


ADMIN_PAGES = [
    "/admin/members/member/",
    "/admin/members/member/add/",
    "/admin/members/servicecategory/",
    "/admin/members/inquiry/",
]


@pytest.mark.parametrize("who", ["anonymous", "member", "other_member", "user_without_firm"])
@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_members_admin_is_closed_to_everyone_but_coordinators(client, kadr, who, url):
    login(client, who, kadr)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"/admin/login/?next={url}"


@pytest.mark.parametrize("url", [*ADMIN_PAGES, "/admin/members/member/{pk}/change/"])
def test_members_admin_opens_for_a_coordinator(client, kadr, url):
    login(client, "coordinator", kadr)

    response = client.get(url.format(pk=kadr.pk))

    assert response.status_code == 200
