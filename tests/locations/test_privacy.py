"""Hidden locations and members-only details never reach anonymous visitors: not in a
page, the map data, the sitemap, the search or the home page. Members see the details."""

import pytest

from core.models import SearchTerm
from tests.factories.locations import LocationFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db

SECRETS = ("Sekretna", "secret-contact@example.org", "600 111 222", "Jan Tajny", "50.061234", "19.937456")


@pytest.fixture
def shown(kinds):
    return LocationFactory(
        slug="open-castle", name_en="Open castle", name_pl="Otwarty zamek", categories=[kinds["castle"]]
    )


@pytest.fixture
def hidden(kinds):
    return LocationFactory(
        slug="hidden-castle", name_en="Hiddenkeep castle", name_pl="Ukryty zamek Hiddenkeep",
        is_published=False, categories=[kinds["castle"]],
    )  # fmt: skip


@pytest.fixture
def of_hidden_firm(kinds):
    firm = MemberFactory(slug="shy", is_public=False)
    return LocationFactory(slug="shy-castle", name_en="Shyfirm castle", name_pl="Zamek Shyfirm", manager=firm)


def _public_texts(client) -> dict[str, str]:
    pages = {
        "list": "/en/locations/",
        "list_pl": "/pl/locations/",
        "filtered": "/en/locations/?category=castle",
        "searched": "/en/locations/?q=castle",
        "detail": "/en/locations/open-castle/",
        "map": "/en/locations/map.geojson",
        "map_one": "/en/locations/map.geojson?only=open-castle",
        "search": "/en/search/?q=castle",
        "search_hidden": "/en/search/?q=hiddenkeep",
        "home": "/en/",
        "sitemap": "/sitemap-locations.xml",
    }
    texts = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        texts[name] = response.content.decode()
    return texts


def test_anonymous_never_sees_contacts_address_or_exact_position(client, shown, hidden, of_hidden_firm):
    texts = _public_texts(client)

    for name, text in texts.items():
        for secret in SECRETS:
            assert secret not in text, (name, secret)
    assert "open-castle" in texts["sitemap"]
    assert "Open castle" in texts["detail"]


def test_hidden_locations_and_those_of_hidden_firms_are_nowhere_public(client, shown, hidden, of_hidden_firm):
    texts = _public_texts(client)

    for name, text in texts.items():
        for word in ("hidden-castle", "Hiddenkeep", "shy-castle", "Shyfirm"):
            assert word not in text, (name, word)
    assert client.get("/en/locations/hidden-castle/").status_code == 404
    assert client.get("/en/locations/shy-castle/").status_code == 404
    assert client.get("/en/locations/map.geojson?only=hidden-castle").json()["features"] == []


def test_hidden_words_stay_out_of_the_public_vocabulary(client, hidden, shown):
    assert SearchTerm.objects.filter(term="open").exists()
    assert not SearchTerm.objects.filter(term="hiddenkeep").exists()


def test_members_see_contacts_and_the_exact_address(client, shown, member_user):
    client.force_login(member_user)

    text = client.get("/en/locations/open-castle/").text

    assert "ul. Sekretna 7, 30-001 Kraków" in text
    assert "secret-contact@example.org" in text
    assert "50.061234" in text


def test_a_user_of_no_active_firm_sees_what_the_public_sees(client, shown, outsider, suspended_user):
    for user in (outsider, suspended_user):
        client.force_login(user)
        text = client.get("/en/locations/open-castle/").text
        for secret in SECRETS:
            assert secret not in text


def test_rounded_position_on_the_page_and_json_ld(client, shown):
    text = client.get("/en/locations/open-castle/").text

    assert '"latitude": 50.06' in text
    assert '"longitude": 19.94' in text
