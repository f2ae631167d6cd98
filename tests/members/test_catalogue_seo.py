"""The catalogue's filtered, searched and sorted variants name the plain catalogue as
canonical and stay out of search indexes; hreflang alternates name canonical pages only."""

import re

import pytest

from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db

URL = "/en/members/"


def canonical(response) -> list[str]:
    return re.findall(r'<link rel="canonical" href="([^"]*)">', response.text)


def robots(response) -> list[str]:
    return re.findall(r'<meta name="robots" content="([^"]*)">', response.text)


def alternates(response) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]*)" href="([^"]*)">', response.text))


@pytest.fixture
def members():
    for n in range(30):
        MemberFactory(slug=f"m{n:02d}", name=f"Member {n:02d}", city="Bochnia" if n % 2 else "Kraków")


def test_plain_catalogue_is_its_own_canonical_and_indexable(client, members):
    response = client.get(URL)

    assert canonical(response) == ["http://testserver/en/members/"]
    assert robots(response) == []
    assert alternates(response) == {"pl": "http://testserver/pl/members/", "en": "http://testserver/en/members/"}


def test_polish_catalogue_names_the_polish_catalogue(client, members):
    response = client.get("/pl/members/", {"city": "Bochnia"})

    assert canonical(response) == ["http://testserver/pl/members/"]


@pytest.mark.parametrize(
    "params",
    [
        {"city": "Bochnia"},
        {"service": "camera"},
        {"language": "de"},
        {"kind": "ngo"},
        {"q": "studio"},
        {"sort": "newest"},
        {"per_page": "50"},
        {"city": "<script>", "sort": "bogus"},
    ],
)
def test_catalogue_variant_names_the_plain_catalogue_and_is_not_indexed(client, members, params):
    response = client.get(URL, params)

    assert response.status_code == 200
    assert canonical(response) == ["http://testserver/en/members/"]
    assert robots(response) == ["noindex, follow"]
    assert alternates(response) == {"pl": "http://testserver/pl/members/", "en": "http://testserver/en/members/"}


def test_blank_filter_values_are_the_plain_catalogue(client, members):
    response = client.get(URL, {"q": "", "city": "", "sort": ""})

    assert canonical(response) == ["http://testserver/en/members/"]
    assert robots(response) == []


def test_unknown_parameters_are_dropped_from_the_canonical(client, members):
    response = client.get(URL, {"utm_source": "newsletter"})

    assert canonical(response) == ["http://testserver/en/members/"]
    assert robots(response) == []


def test_second_page_keeps_its_number_in_canonical_and_alternates(client, members):
    response = client.get(URL, {"page": "2"})

    assert canonical(response) == ["http://testserver/en/members/?page=2"]
    assert robots(response) == []
    assert alternates(response) == {
        "pl": "http://testserver/pl/members/?page=2",
        "en": "http://testserver/en/members/?page=2",
    }


def test_last_page_alias_names_its_number(client, members):
    response = client.get(URL, {"page": "last"})

    assert canonical(response) == ["http://testserver/en/members/?page=2"]


def test_first_page_is_the_plain_catalogue(client, members):
    assert canonical(client.get(URL, {"page": "1"})) == ["http://testserver/en/members/"]


def test_page_of_a_variant_names_the_plain_first_page(client, members):
    response = client.get(URL, {"per_page": "24", "sort": "name", "page": "2"})

    assert canonical(response) == ["http://testserver/en/members/"]
    assert robots(response) == ["noindex, follow"]
