"""The catalogue's map: firms place themselves in "My company" (a gazetteer town or a
map click), and the catalogue's map view shows the filtered public firms from a JSON
of public fields only, cacheable like the catalogue itself."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership
from members import gazetteer
from members.models import Member, MemberService
from members.services import member_refresh_search
from tests.factories.accounts import CoordinatorFactory, MembershipFactory
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory
from tests.members.test_company import profile_data

pytestmark = pytest.mark.django_db

MAP = "/en/members/map.geojson"


def placed(**kwargs) -> Member:
    kwargs.setdefault("latitude", Decimal("50.06143"))
    kwargs.setdefault("longitude", Decimal("19.93658"))
    return MemberFactory(**kwargs)


@pytest.fixture
def editor(client):
    membership = MembershipFactory(role=Membership.Role.EDITOR, member=MemberFactory(slug="kadr", name="Kadr"))
    client.force_login(membership.user)
    return membership


# --- The gazetteer ---------------------------------------------------------------------


def test_gazetteer_holds_polish_towns_with_their_voivodeship_and_position():
    krakow = gazetteer.town_named("krakow")

    assert (krakow.name, krakow.voivodeship) == ("Kraków", "małopolskie")
    assert (krakow.latitude, krakow.longitude) == (Decimal("50.06143"), Decimal("19.93658"))
    assert gazetteer.town_by_id(krakow.geonameid) == krakow
    assert gazetteer.town_named("Niepołomice").voivodeship == "małopolskie"  # Małopolska down to 5,000 people
    assert len(gazetteer.towns()) == 394
    assert all(49 < t.latitude < 55 and 14 < t.longitude < 24.2 for t in gazetteer.towns())


# --- "My company" -----------------------------------------------------------------------


def test_company_edit_places_the_firm_at_a_town_without_javascript(client, editor):
    tarnow = gazetteer.town_named("Tarnów")

    response = client.post("/en/my-company/kadr/", profile_data(editor.member, town=str(tarnow.geonameid)))

    assert response.status_code == 302
    editor.member.refresh_from_db()
    assert (editor.member.latitude, editor.member.longitude) == (tarnow.latitude, tarnow.longitude)


def test_company_edit_saves_a_position_clicked_on_the_map(client, editor):
    data = profile_data(editor.member, latitude="49.29899", longitude="19.94885", show_on_map="on")

    response = client.post("/en/my-company/kadr/", data)

    assert response.status_code == 302
    editor.member.refresh_from_db()
    assert (editor.member.latitude, editor.member.longitude, editor.member.show_on_map) == (
        Decimal("49.29899"),
        Decimal("19.94885"),
        True,
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"latitude": "50.1", "longitude": ""}, "longitude", "Give both the latitude and the longitude"),
        ({"latitude": "95", "longitude": "19.9"}, "latitude", "Please enter a number between -90 and 90."),
        ({"latitude": "50.1", "longitude": "east"}, "longitude", "Enter a number."),
        ({"town": "999999999"}, "town", "Select a valid choice."),
    ],
)
def test_company_edit_with_a_bad_position_says_so_next_to_the_field(client, editor, changes, field, message):
    data = profile_data(editor.member, tagline_en="Kept <b>as typed</b>", **changes)

    response = client.post("/en/my-company/kadr/", data)

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert f'id="id_{field}_errors"' in response.text
    assert "Kept &lt;b&gt;as typed&lt;/b&gt;" in response.text
    editor.member.refresh_from_db()
    assert editor.member.latitude is None


def test_company_edit_page_offers_the_town_picker_and_the_map(client, editor):
    response = client.get("/en/my-company/kadr/")

    assert '<select name="town"' in response.text
    assert ">Kraków (małopolskie)</option>" in response.text
    assert "data-company-map" in response.text
    assert 'name="show_on_map"' in response.text


def test_company_position_of_another_firm_cannot_be_edited(client, editor):
    MemberFactory(slug="other")

    response = client.post("/en/my-company/other/", {"latitude": "50", "longitude": "20"})

    assert response.status_code == 404
    assert Member.objects.get(slug="other").latitude is None


# --- The map data ----------------------------------------------------------------------


def test_map_data_is_geojson_of_the_public_firms_on_the_map(client):
    camera = ServiceCategoryFactory(slug="camera", name_en="Camera rental", name_pl="Wypożyczalnia kamer")
    MemberServiceFactory(member=placed(slug="kadr", name="Kadr", city="Kraków"), category=camera)

    data = client.get(MAP).json()

    assert data == {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [19.93658, 50.06143]},
                "properties": {
                    "name": "Kadr",
                    "url": "/en/members/kadr/",
                    "city": "Kraków",
                    "services": ["Camera rental"],
                },
            }
        ],
    }
    assert client.get("/pl/members/map.geojson").json()["features"][0]["properties"]["services"] == [
        "Wypożyczalnia kamer"
    ]


def test_map_data_follows_the_catalogue_filters_and_search(client):
    camera = ServiceCategoryFactory(slug="camera")
    sound = ServiceCategoryFactory(slug="sound")
    for slug, category, city in [("a", camera, "Kraków"), ("b", sound, "Kraków"), ("c", camera, "Tarnów")]:
        member = placed(slug=slug, name=f"Firm {slug}", city=city)
        MemberServiceFactory(member=member, category=category)
        member_refresh_search(member_id=member.pk)

    def names(query):
        return [f["properties"]["name"] for f in client.get(f"{MAP}?{query}").json()["features"]]

    assert names("service=camera") == ["Firm a", "Firm c"]
    assert names("service=camera&city=Tarnów") == ["Firm c"]
    assert names("q=Firm+b") == ["Firm b"]
    assert names("city=Gdańsk") == []


def test_map_data_leaves_out_hidden_suspended_former_and_unplaced_firms(client):
    placed(slug="shown", name="Shown")
    placed(slug="hidden", name="Hiddenfirm", is_public=False)
    placed(slug="suspended", name="Suspendedfirm", status=Member.Status.SUSPENDED)
    placed(slug="former", name="Formerfirm", status=Member.Status.FORMER)
    placed(slug="off-map", name="Offmapfirm", show_on_map=False)
    MemberFactory(slug="nowhere", name="Nowherefirm")

    response = client.get(MAP)

    assert [f["properties"]["name"] for f in response.json()["features"]] == ["Shown"]
    for secret in ("Hiddenfirm", "Suspendedfirm", "Formerfirm", "Offmapfirm", "Nowherefirm"):
        assert secret not in response.text


def test_map_data_carries_no_field_beyond_the_public_card(client):
    placed(
        slug="kadr",
        address="ul. Tajna 7",
        postal_code="30-999",
        phone="+48 600 111 222",
        website="https://kadr.example.org",
    )

    response = client.get(MAP)

    (feature,) = response.json()["features"]
    assert set(feature["properties"]) == {"name", "url", "city", "services"}
    for secret in ("Tajna", "30-999", "600 111 222", "office@kadr.example.org", "kadr.example.org"):
        assert secret not in response.text


def test_map_data_for_anonymous_visitors_is_cacheable_like_the_catalogue(client):
    placed(slug="kadr")

    first = client.get(f"{MAP}?service=")
    again = client.get(f"{MAP}?service=")

    assert first["X-Page-Cache"] == "miss"
    assert again["X-Page-Cache"] == "hit"
    assert "public" in again["Cache-Control"]
    assert "Cookie" not in again.get("Vary", "")
    assert not first.cookies
    assert again.content == first.content


def test_map_data_made_stale_when_a_firm_moves(client):
    member = placed(slug="kadr")
    client.get(MAP)

    member.latitude, member.longitude = Decimal("49.5"), Decimal("20.5")
    member.save()

    assert client.get(MAP).json()["features"][0]["geometry"]["coordinates"] == [20.5, 49.5]


def _make(count: int):
    categories = [ServiceCategoryFactory(slug=f"cat-{n}") for n in range(3)]
    members = [placed(slug=f"firm-{n}", city=["Kraków", "Tarnów"][n % 2]) for n in range(count)]
    MemberService.objects.bulk_create(
        MemberService(member=m, category=c) for n, m in enumerate(members) for c in categories[: 1 + n % 3]
    )


@pytest.mark.parametrize("count", [5, 50])
def test_map_data_query_budget_is_the_same_at_5_and_50(client, settings, count):
    settings.PAGE_CACHE_SECONDS = 0  # the budget of building it, not of the page cache
    _make(count)
    with CaptureQueriesContext(connection) as queries:
        data = client.get(f"{MAP}?service=cat-0&city=Kraków&city=Tarnów").json()
    assert len(data["features"]) == count
    assert len(queries) == 2


# --- The catalogue's map view ------------------------------------------------------------


def test_catalogue_map_view_keeps_the_filters_in_its_links_and_data(client):
    placed(slug="kadr")

    response = client.get("/en/members/?service=camera&city=Krak%C3%B3w&view=map&page=1")

    assert response.context["catalogue_view"] == "map"
    assert 'data-map-data="/en/members/map.geojson?service=camera&amp;city=Krak%C3%B3w"' in response.text
    assert 'href="?service=camera&amp;city=Krak%C3%B3w&amp;view=map" aria-current="page"' in response.text
    assert 'href="?service=camera&amp;city=Krak%C3%B3w">List</a>' in response.text
    assert "leaflet.markercluster.js" in response.text


def test_catalogue_list_view_links_to_the_map_and_loads_no_map_library(client):
    response = client.get("/en/members/?service=camera")

    assert response.context["catalogue_view"] == "list"
    assert 'href="?service=camera&amp;view=map" data-catalogue-map-link>Map</a>' in response.text
    assert "data-member-map" not in response.text
    assert "leaflet.js" not in response.text


def test_catalogue_map_view_in_polish(client):
    response = client.get("/pl/members/?view=map")

    assert ">Mapa</a>" in response.text
    assert ">Lista</a>" in response.text


def test_admin_member_form_has_the_position_with_the_map_picker(client):
    client.force_login(CoordinatorFactory())
    member = placed(slug="kadr")

    page = client.get(f"/admin/members/member/{member.pk}/change/", headers={"accept-language": "en"}).text

    assert 'name="latitude"' in page
    assert 'value="50.061430"' in page
    assert "data-map-outline=" in page
    assert "locations/admin-map.js" in page
    assert 'name="show_on_map"' in page


def test_admin_map_click_precision_is_stored(client, editor):
    """The admin's picker writes six decimals (static/locations/admin-map.js); they fit."""
    data = profile_data(editor.member, latitude="50.061234", longitude="19.937456", show_on_map="on")

    assert client.post("/en/my-company/kadr/", data).status_code == 302
    editor.member.refresh_from_db()
    assert (editor.member.latitude, editor.member.longitude) == (Decimal("50.061234"), Decimal("19.937456"))
