"""Who may do what with locations: anonymous, a member firm's user, another firm's user,
a user of no active firm, the coordinator. A firm edits only its own locations."""

import pytest

from locations.models import Location
from tests.factories.locations import LocationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(firm, kinds):
    return LocationFactory(slug="own-castle", name_pl="Nasz zamek", manager=firm, categories=[kinds["castle"]])


@pytest.fixture
def theirs(other_firm):
    return LocationFactory(slug="their-lake", name_pl="Ich jezioro", manager=other_firm)


@pytest.fixture
def office(db):
    return LocationFactory(slug="office-church", name_pl="Kościół biura")


def _form(location, **changes):
    data = {
        "name_pl": location.name_pl, "name_en": location.name_en or "", "description_pl": "", "description_en": "",
        "setting": location.setting, "municipality": location.municipality, "latitude": str(location.latitude),
        "longitude": str(location.longitude), "is_published": "on", "address": location.address,
        "contact_name": "", "contact_email": "", "contact_phone": "", "access_notes_pl": "", "access_notes_en": "",
        "permits_pl": "", "permits_en": "", "seasonal_notes_pl": "", "seasonal_notes_en": "",
        "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "20",
    }  # fmt: skip
    return data | changes


PUBLIC_PAGES = ["/en/locations/", "/en/locations/own-castle/", "/en/locations/map.geojson", "/pl/locations/"]


@pytest.mark.parametrize("who", ["anonymous", "member_user", "other_user", "outsider", "coordinator"])
def test_public_pages_open_to_everyone(client, request, own, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for url in PUBLIC_PAGES:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("who", "mine", "edit_own", "edit_theirs", "edit_office", "create"),
    [
        ("anonymous", 302, 302, 302, 302, 302),
        ("member_user", 200, 200, 404, 404, 200),
        ("other_user", 200, 404, 200, 404, 200),
        ("outsider", 403, 403, 403, 403, 403),
        ("suspended_user", 403, 403, 403, 403, 403),
        ("coordinator", 200, 200, 200, 200, 403),
    ],
)
def test_editor_permission_matrix(
    client, request, own, theirs, office, who, mine, edit_own, edit_theirs, edit_office, create
):  # noqa: E501
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    assert client.get("/en/locations/mine/").status_code == mine
    assert client.get("/en/locations/mine/own-castle/").status_code == edit_own
    assert client.get("/en/locations/mine/their-lake/").status_code == edit_theirs
    assert client.get("/en/locations/mine/office-church/").status_code == edit_office
    assert client.get("/en/locations/mine/new/").status_code == create


def test_a_firm_edits_its_own_location(client, member_user, own):
    client.force_login(member_user)

    response = client.post("/en/locations/mine/own-castle/", _form(own, name_en="Our castle, renamed"))

    assert response.status_code == 302
    own.refresh_from_db()
    assert own.name_en == "Our castle, renamed"
    assert own.manager.slug == "scouts"


def test_a_firm_cannot_post_to_another_firms_location(client, member_user, theirs):
    client.force_login(member_user)

    response = client.post("/en/locations/mine/their-lake/", _form(theirs, name_en="Taken over"))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.name_en != "Taken over"
    assert theirs.manager.slug == "beta"


def test_a_firm_adds_a_location_of_its_own(client, member_user, kinds):
    client.force_login(member_user)
    template = Location(
        name_pl="Nowa hala", setting="indoor", municipality="Tarnów", latitude="50.01", longitude="20.98"
    )

    response = client.post("/en/locations/mine/new/", _form(template, categories=[kinds["castle"].pk]))

    assert response.status_code == 302
    created = Location.objects.get(name_pl="Nowa hala")
    assert created.slug == "nowa-hala"
    assert created.manager.slug == "scouts"
    assert list(created.categories.values_list("slug", flat=True)) == ["castle"]


def test_bad_input_is_shown_next_to_the_field_and_kept(client, member_user, own):
    client.force_login(member_user)

    response = client.post("/en/locations/mine/own-castle/", _form(own, latitude="12.5", name_pl="<b>Keep</b>"))

    assert response.status_code == 400
    assert "This point is outside the region; check the coordinates." in response.text
    assert 'value="&lt;b&gt;Keep&lt;/b&gt;"' in response.text


def test_editor_post_needs_csrf(member_user, own):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member_user)

    assert client.post("/en/locations/mine/own-castle/", _form(own)).status_code == 403
