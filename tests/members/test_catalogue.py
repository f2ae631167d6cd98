import re

import pytest
from django.urls import reverse

from members.models import Member
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory

pytestmark = pytest.mark.django_db

URL = "/en/members/"


def found(response) -> list[str]:
    return [member.slug for member in response.context["members"]]


@pytest.fixture
def catalogue():
    """Four members across services, cities, languages and kinds."""
    rental = ServiceCategoryFactory(slug="rental", name_en="Equipment rental", name_pl="Wypożyczalnie")
    camera = ServiceCategoryFactory(slug="camera", name_en="Camera rental", name_pl="Kamery", parent=rental)
    lighting = ServiceCategoryFactory(slug="lighting", name_en="Lighting", name_pl="Oświetlenie", parent=rental)
    post = ServiceCategoryFactory(slug="post", name_en="Post-production", name_pl="Postprodukcja")
    sound = ServiceCategoryFactory(slug="sound", name_en="Sound post", name_pl="Dźwięk", parent=post)
    members = {
        "alpha": MemberFactory(slug="alpha", name="Alpha", city="Kraków", languages=["pl", "en"]),
        "beta": MemberFactory(slug="beta", name="Beta", city="Tarnów", languages=["pl", "de"]),
        "gamma": MemberFactory(slug="gamma", name="Gamma", city="Kraków", languages=["en"], kind=Member.Kind.NGO),
        "delta": MemberFactory(slug="delta", name="Delta", city="Zakopane", languages=["pl"], kind=Member.Kind.PUBLIC),
    }
    MemberServiceFactory(member=members["alpha"], category=camera)
    MemberServiceFactory(member=members["alpha"], category=lighting)
    MemberServiceFactory(member=members["beta"], category=lighting)
    MemberServiceFactory(member=members["gamma"], category=sound)
    MemberServiceFactory(member=members["delta"], category=camera)
    return members


def test_catalogue_without_filters_lists_every_public_member_by_name(client, catalogue):
    response = client.get(URL)

    assert response.status_code == 200
    assert found(response) == ["alpha", "beta", "delta", "gamma"]
    assert "4 members found" in response.text


def test_catalogue_filter_service_alone(client, catalogue):
    assert found(client.get(URL, {"service": "lighting"})) == ["alpha", "beta"]


def test_catalogue_filter_several_services_match_any(client, catalogue):
    assert found(client.get(URL, {"service": ["sound", "camera"]})) == ["alpha", "delta", "gamma"]


def test_catalogue_filter_top_level_service_matches_its_children(client, catalogue):
    assert found(client.get(URL, {"service": "rental"})) == ["alpha", "beta", "delta"]


def test_catalogue_filter_city_alone(client, catalogue):
    assert found(client.get(URL, {"city": "Kraków"})) == ["alpha", "gamma"]


@pytest.mark.parametrize("written", ["krakow", "Krakow", "KRAKÓW", " kraków "])
def test_catalogue_city_as_written_in_a_link_is_the_city(client, catalogue, written):
    response = client.get(URL, {"city": written})

    assert found(response) == ["alpha", "gamma"]
    krakow = next(option for option in response.context["facets"]["city"] if option.value == "Kraków")
    assert krakow.selected


def test_catalogue_city_no_member_has_finds_nothing(client, catalogue):
    assert found(client.get(URL, {"city": "Gdańsk"})) == []


def test_catalogue_filter_several_cities(client, catalogue):
    assert found(client.get(URL, {"city": ["Tarnów", "Zakopane"]})) == ["beta", "delta"]


def test_catalogue_filter_language_alone(client, catalogue):
    assert found(client.get(URL, {"language": "en"})) == ["alpha", "gamma"]


def test_catalogue_filter_kind_alone(client, catalogue):
    assert found(client.get(URL, {"kind": "ngo"})) == ["gamma"]


def test_catalogue_filter_free_text_alone(client, catalogue):
    assert found(client.get(URL, {"q": "zakopane"})) == ["delta"]


def test_catalogue_filters_combined(client, catalogue):
    assert found(client.get(URL, {"service": "rental", "city": "Kraków"})) == ["alpha"]
    assert found(client.get(URL, {"service": "camera", "language": "pl", "kind": "public"})) == ["delta"]
    assert found(client.get(URL, {"q": "krakow", "language": "en", "kind": "ngo"})) == ["gamma"]
    assert found(client.get(URL, {"service": "sound", "city": "Tarnów"})) == []


def test_catalogue_unknown_filter_values_match_nothing_or_are_ignored(client, catalogue):
    assert found(client.get(URL, {"city": "Atlantis"})) == []
    assert found(client.get(URL, {"language": "xx"})) == ["alpha", "beta", "delta", "gamma"]


def test_catalogue_facet_counts_ignore_their_own_filter(client, catalogue):
    response = client.get(URL, {"city": "Kraków"})

    facets = response.context["facets"]
    cities = {option.value: (option.count, option.selected) for option in facets["city"]}
    assert cities == {"Kraków": (2, True), "Tarnów": (1, False), "Zakopane": (1, False)}
    services = {option.value: option.count for option in facets["service"]}
    assert services == {"rental": 1, "post": 1}
    children = {c.value: c.count for option in facets["service"] for c in option.children}
    assert children == {"camera": 1, "lighting": 1, "sound": 1}
    assert {o.value: o.count for o in facets["language"]} == {"pl": 1, "en": 2}
    assert {o.value: o.count for o in facets["kind"]} == {"company": 1, "ngo": 1, "public": 0, "university": 0}


def test_catalogue_shows_counts_next_to_options(client, catalogue):
    response = client.get(URL)

    assert re.search(r'for="f-service-lighting">Lighting <span class="facet__count">\(2\)</span>', response.text)


def test_catalogue_sort_by_recently_updated(client, catalogue):
    Member.objects.filter(slug="gamma").update(updated_at="2030-01-01T00:00:00Z")

    assert found(client.get(URL, {"sort": "updated"}))[0] == "gamma"


def test_catalogue_sort_by_newest_member(client, catalogue):
    Member.objects.filter(slug="beta").update(member_since="2026-01-01")

    assert found(client.get(URL, {"sort": "newest"}))[0] == "beta"


def test_catalogue_search_sorts_best_match_first(client):
    MemberFactory(slug="weak", name="Aaa", description_en="We also do lighting.")
    MemberFactory(slug="strong", name="Zzz Lighting", description_en="Lighting, lighting and more lighting.")

    assert found(client.get(URL, {"q": "lighting"})) == ["strong", "weak"]


def test_catalogue_paginates_and_keeps_filters_in_page_links(client):
    for n in range(30):
        MemberFactory(slug=f"m{n:02d}", name=f"Member {n:02d}", city="Bochnia")

    response = client.get(URL, {"city": "Bochnia"})

    assert len(found(response)) == 24
    assert "30 members found" in response.text
    assert 'href="?city=Bochnia&amp;page=2"' in response.text
    assert found(client.get(URL, {"city": "Bochnia", "page": 2})) == [f"m{n:02d}" for n in range(24, 30)]


def test_catalogue_empty_state_suggests_what_to_change(client, catalogue):
    response = client.get(URL, {"q": "submarine"})

    assert found(response) == []
    assert "0 members found" in response.text
    assert "No member matches all of these filters." in response.text
    assert "Try fewer services or cities" in response.text
    assert f'href="{reverse("members:list")}">Show all members' in response.text


def test_catalogue_partial_request_returns_only_the_results_region(client, catalogue):
    response = client.get(URL, {"city": "Tarnów"}, headers={"X-Catalogue-Partial": "1"})

    assert found(response) == ["beta"]
    assert "<html" not in response.text
    assert '<div class="catalogue">' in response.text
    assert "X-Catalogue-Partial" in response["Vary"]


def test_catalogue_works_in_polish(client, catalogue):
    response = client.get("/pl/members/", {"service": "camera"})

    assert response.status_code == 200
    assert found(response) == ["alpha", "delta"]
    assert 'for="f-service-camera">Kamery' in response.text


def test_catalogue_page_has_one_h1_and_print_stylesheet(client, catalogue):
    response = client.get(URL)

    assert response.text.count("<h1") == 1
    assert 'href="/static/members/members-print.css" media="print"' in response.text


def test_catalogue_facet_counts_with_free_text_search(client, catalogue):
    response = client.get(URL, {"q": "kamery"})  # the Polish name of "camera": alpha and delta

    facets = response.context["facets"]
    assert [m.slug for m in response.context["members"]] == ["alpha", "delta"]
    assert [(o.value, o.count) for o in facets["city"]] == [("Kraków", 1), ("Zakopane", 1)]
    assert {o.value: o.count for o in facets["kind"]} == {"company": 1, "ngo": 0, "public": 1, "university": 0}
    assert {o.value: o.count for o in facets["language"]} == {"pl": 2, "en": 1}


def test_catalogue_unknown_kind_or_language_next_to_a_known_one_keeps_the_known_filter(client, catalogue):
    assert found(client.get(URL, {"kind": ["ngo", "bogus"]})) == ["gamma"]
    assert found(client.get(URL, {"language": ["de", "xx"]})) == ["beta"]
    assert found(client.get(URL, {"kind": "bogus"})) == ["alpha", "beta", "delta", "gamma"]
