"""The public library: filters alone and combined, search, counts, pages, map data, budgets."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from locations.models import Location
from productions.models import ProductionLead
from tests.factories.locations import LocationFactory, LocationPhotoFactory
from tests.factories.members import MemberFactory
from tests.factories.productions import ProductionLeadFactory

pytestmark = pytest.mark.django_db

LIST = "/en/locations/"
MAP = "/en/locations/map.geojson"


@pytest.fixture
def library(kinds, firm):
    return {
        "castle": LocationFactory(
            slug="castle-niedzica", name_en="Castle above the river", name_pl="Zamek nad rzeką",
            municipality="Niedzica", setting=Location.Setting.BOTH, categories=[kinds["castle"]], manager=firm,
        ),
        "church": LocationFactory(
            slug="wooden-church", name_en="Wooden church", name_pl="Drewniany kościół",
            municipality="Dębno", setting=Location.Setting.INDOOR, categories=[kinds["church"]],
        ),
        "lake": LocationFactory(
            slug="mountain-lake", name_en="Mountain lake", name_pl="Jezioro w górach",
            municipality="Niedzica", setting=Location.Setting.OUTDOOR, categories=[kinds["lake"]],
        ),
        "castle_ruins": LocationFactory(
            slug="castle-ruins", name_en="Castle ruins", name_pl="Ruiny zamku",
            municipality="Ojców", setting=Location.Setting.OUTDOOR, categories=[kinds["castle"]],
        ),
    }  # fmt: skip


def slugs(response) -> list[str]:
    return [location.slug for location in response.context["locations"]]


def test_library_lists_every_public_location_with_its_count(client, library):
    response = client.get(LIST)

    assert response.status_code == 200
    assert slugs(response) == ["castle-niedzica", "castle-ruins", "mountain-lake", "wooden-church"]
    assert response.context["library"].total == 4
    assert "4 locations found" in response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=castle", ["castle-niedzica", "castle-ruins"]),
        ("category=architecture", ["castle-niedzica", "castle-ruins", "wooden-church"]),
        ("municipality=Niedzica", ["castle-niedzica", "mountain-lake"]),
        ("setting=indoor", ["castle-niedzica", "wooden-church"]),
        ("setting=outdoor", ["castle-niedzica", "castle-ruins", "mountain-lake"]),
        ("managed_by=scouts", ["castle-niedzica"]),
        ("managed_by=cluster", ["castle-ruins", "mountain-lake", "wooden-church"]),
    ],
)
def test_library_filter_alone(client, library, query, expected):
    assert slugs(client.get(f"{LIST}?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=castle&municipality=Niedzica", ["castle-niedzica"]),
        ("category=castle&setting=outdoor&managed_by=cluster", ["castle-ruins"]),
        ("municipality=Niedzica&setting=outdoor&category=landscape", ["mountain-lake"]),
        ("category=church&municipality=Niedzica", []),
        ("q=castle&municipality=Ojców", ["castle-ruins"]),
    ],
)
def test_library_filters_combined(client, library, query, expected):
    response = client.get(f"{LIST}?{query}")

    assert slugs(response) == expected
    assert response.context["library"].total == len(expected)


def test_library_unknown_filter_values_match_nothing_and_never_fail(client, library):
    assert slugs(client.get(f"{LIST}?category=nope")) == []
    assert client.get(f"{LIST}?municipality=%00x").status_code == 200
    assert slugs(client.get(f"{LIST}?setting=underwater")) == slugs(client.get(LIST))
    assert client.get(f"{LIST}?page=99").status_code == 404


def test_library_search_uses_the_portals_normalisation(client, library):
    assert sorted(slugs(client.get(f"{LIST}?q=zamku"))) == ["castle-niedzica", "castle-ruins"]  # lemma
    assert slugs(client.get(f"{LIST}?q=koscio")) == ["wooden-church"]  # no Polish letters, a prefix
    assert slugs(client.get(f"{LIST}?q=Debno")) == ["wooden-church"]  # the municipality, folded
    assert slugs(client.get(f"{LIST}?q=lakes")) == ["mountain-lake"]  # English stem


def test_library_pages_keep_the_filters(client, kinds):
    for n in range(30):
        LocationFactory(slug=f"castle-{n:02d}", name_en=f"Castle {n:02d}", categories=[kinds["castle"]])

    first = client.get(f"{LIST}?category=castle")
    second = client.get(f"{LIST}?category=castle&page=2")

    assert len(first.context["locations"]) == 24
    assert len(second.context["locations"]) == 6
    assert 'href="?category=castle&amp;page=2"' in first.text


def test_map_data_is_geojson_of_the_filtered_library(client, library):
    data = client.get(f"{MAP}?category=castle").json()

    assert data["type"] == "FeatureCollection"
    assert [feature["properties"]["url"] for feature in data["features"]] == [
        "/en/locations/castle-niedzica/",
        "/en/locations/castle-ruins/",
    ]
    assert data["features"][0]["geometry"] == {"type": "Point", "coordinates": [19.94, 50.06]}


def test_map_data_shows_the_exact_point_only_when_the_owner_chose_it(client, kinds):
    LocationFactory(
        slug="exact", latitude=Decimal("49.987654"), longitude=Decimal("20.123456"), show_exact_position=True
    )

    (feature,) = client.get(MAP).json()["features"]

    assert feature["geometry"]["coordinates"] == [20.123456, 49.987654]
    assert feature["properties"]["exact"] is True


def _make(count: int, kinds, firm):
    for n in range(count):
        location = LocationFactory(
            slug=f"budget-{n}", categories=[kinds["castle"], kinds["lake"]], manager=firm if n % 2 else None
        )
        LocationPhotoFactory(location=location)


@pytest.mark.parametrize("count", [5, 50])
def test_library_query_budget_is_the_same_at_5_and_50(client, kinds, firm, count, django_assert_num_queries):
    _make(count, kinds, firm)
    MemberFactory(slug="other-firm")
    client.get(LIST)  # thumbnails made once, as on any later visit
    with django_assert_num_queries(7):
        response = client.get(f"{LIST}?nocache={count}")
    assert response.status_code == 200
    assert len(response.context["locations"]) == min(count, 24)


@pytest.mark.parametrize("count", [5, 50])
def test_map_data_query_budget_is_the_same_at_5_and_50(client, kinds, firm, count):
    _make(count, kinds, firm)
    with CaptureQueriesContext(connection) as queries:
        data = client.get(f"{MAP}?category=castle").json()
    assert len(data["features"]) == count
    assert len(queries) == 1


def test_location_page_shows_facts_gallery_map_and_the_managing_member(client, library):
    LocationPhotoFactory(location=library["castle"], alt_text_en="The keep at dusk")

    response = client.get("/en/locations/castle-niedzica/")

    assert response.status_code == 200
    assert "<h1>Castle above the river</h1>" in response.text
    assert 'alt="The keep at dusk"' in response.text
    assert "data-lightbox-item" in response.text
    assert 'href="/en/members/scouts/"' in response.text
    assert '"@type": "Place"' in response.text
    assert 'property="og:title" content="Castle above the river"' in response.text
    assert "data-location-map" in response.text
    assert sorted(other.slug for other in response.context["nearby"]) == [
        "castle-ruins",
        "mountain-lake",
        "wooden-church",
    ]


def test_location_page_in_polish(client, library):
    response = client.get("/pl/locations/castle-niedzica/")

    assert "<h1>Zamek nad rzeką</h1>" in response.text
    assert "Zapytaj o tę lokację" in response.text


def test_site_search_finds_public_locations_in_their_own_group(client, library):
    response = client.get("/en/search/?q=zamek")

    groups = {group.kind: group for group in response.context["results"].groups}
    assert sorted(hit.url for hit in groups["locations"].hits) == [
        "/en/locations/castle-niedzica/",
        "/en/locations/castle-ruins/",
    ]
    assert groups["locations"].total == 2


def test_home_page_shows_locations_with_a_photo(client, library):
    LocationPhotoFactory(location=library["lake"], alt_text_en="Still water")

    text = client.get("/en/").text

    assert "Filming locations in the region" in text
    assert 'href="/en/locations/mountain-lake/"' in text
    assert 'alt="Still water"' in text
    assert 'href="/en/locations/wooden-church/"' not in text  # no photo, not on the home page


def test_location_page_lists_only_showcase_productions_shot_there(client, library):
    shown = ProductionLeadFactory(
        title_en="The Bugle Call", status=ProductionLead.Status.WRAPPED, visibility=ProductionLead.Visibility.PUBLIC
    )
    members_only = ProductionLeadFactory(title_en="Secret Winter Train")
    library["castle"].productions.set([shown, members_only])

    text = client.get("/en/locations/castle-niedzica/").text

    assert "The Bugle Call" in text
    assert f'href="/en/productions/showcase/{shown.pk}/"' in text
    assert "Secret Winter Train" not in text
