"""Public pages are cacheable: no cookie, no Vary: Cookie, served from Redis until their
content changes; logged-in visitors and visitors with a shortlist always get a fresh page."""

import gzip

import pytest

from events import services
from members.models import Member
from tests.factories.accounts import MembershipFactory
from tests.factories.events import EventFactory
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory
from tests.factories.news import PostFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/en/members/", "/pl/members/?q=kadr", "/en/members/kadr/", "/en/news/", "/en/news/hello/",
                "/en/events/", "/en/events/workshop/"]  # fmt: skip


@pytest.fixture
def content():
    member = MemberFactory(slug="kadr", name="Kadr Studio")
    MemberServiceFactory(member=member, category=ServiceCategoryFactory(slug="camera"))
    MemberFactory(slug="swiatlo", name="Światło Studio")
    PostFactory(slug="hello")
    EventFactory(slug="workshop")
    return member


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_anonymous_public_page_sets_no_cookie_and_does_not_vary_by_cookie(client, content, path):
    for attempt in ("miss", "hit"):
        response = client.get(path)

        assert response.status_code == 200
        assert response.cookies == {}, attempt
        assert "cookie" not in response.get("Vary", "").lower(), attempt
        assert response["Cache-Control"] == "public, max-age=60"
        assert response["X-Page-Cache"] == attempt
        assert response["ETag"].startswith('"')


def test_matching_etag_gets_not_modified(client, content):
    etag = client.get("/en/members/")["ETag"]

    response = client.get("/en/members/", headers={"If-None-Match": etag})

    assert (response.status_code, response.content) == (304, b"")


def test_hidden_member_disappears_from_the_cached_catalogue_at_once(client, content):
    assert "Światło Studio" in client.get("/en/members/").content.decode()
    assert client.get("/en/members/")["X-Page-Cache"] == "hit"

    swiatlo = Member.objects.get(slug="swiatlo")
    swiatlo.is_public = False
    swiatlo.save()

    response = client.get("/en/members/")
    assert response["X-Page-Cache"] == "miss"
    assert "Światło Studio" not in response.content.decode()
    assert client.get("/en/members/swiatlo/").status_code == 404


def test_new_service_changes_the_cached_profile_and_search(client, content):
    client.get("/en/members/kadr/")
    client.get("/en/members/", {"q": "lighting"})

    MemberServiceFactory(member=content, category=ServiceCategoryFactory(slug="lighting", name_en="Lighting"))

    assert "Lighting" in client.get("/en/members/kadr/").content.decode()
    assert [m.slug for m in client.get("/en/members/", {"q": "lighting"}).context["members"]] == ["kadr"]


def test_edited_post_and_event_replace_their_cached_pages(client, content):
    from events.models import Event
    from news.models import Post

    client.get("/en/news/hello/")
    client.get("/en/events/")
    post = Post.objects.get(slug="hello")
    post.title_en = "Renamed post"
    post.save()
    event = Event.objects.get(slug="workshop")
    event.title_en = "Renamed workshop"
    event.save()

    assert "Renamed post" in client.get("/en/news/hello/").content.decode()
    assert "Renamed workshop" in client.get("/en/events/").content.decode()


def test_confirmed_seat_shows_at_once_on_the_cached_event_page(client):
    event = EventFactory(slug="seminar", capacity=60)
    assert 'id="seats-left">60<' in client.get("/en/events/seminar/").content.decode()
    registration = services.register_guest(event=event, name="Ingrid Berg", email="ingrid@example.org", language="en")
    services.confirm_guest(registration=registration)

    response = client.get("/en/events/seminar/")

    assert response["X-Page-Cache"] == "miss"
    assert 'id="seats-left">59<' in response.content.decode()


def test_pages_are_cached_per_language_and_partial_form(client, content):
    polish = client.get("/pl/members/")
    english = client.get("/en/members/")
    partial = client.get("/en/members/", headers={"X-Catalogue-Partial": "1"})

    assert polish["Content-Language"] == "pl"
    assert english["Content-Language"] == "en"
    assert "<html" in english.content.decode()
    assert "<html" not in partial.content.decode()
    assert client.get("/en/members/", headers={"X-Catalogue-Partial": "1"})["X-Page-Cache"] == "hit"


def test_logged_in_member_never_gets_a_cached_page(client, content):
    client.get("/en/members/")
    client.force_login(MembershipFactory(member=content).user)

    response = client.get("/en/members/")

    assert "X-Page-Cache" not in response
    assert "Log out" in response.content.decode()


def test_visitor_with_a_shortlist_sees_it_not_the_cached_page(client, content):
    client.get("/en/members/")

    client.post("/en/members/shortlist/toggle/", {"add": "kadr", "next": "/en/members/"})
    response = client.get("/en/members/")

    assert "X-Page-Cache" not in response
    assert "Remove from shortlist" in response.content.decode()
    assert response.context["shortlist"] == ["kadr"]


def test_cache_can_be_switched_off(client, content, settings):
    settings.PAGE_CACHE_SECONDS = 0

    client.get("/en/members/")

    assert "X-Page-Cache" not in client.get("/en/members/")


GZIP = {"Accept-Encoding": "gzip, deflate, br, zstd"}


@pytest.mark.parametrize("attempt", ["miss", "hit"])
def test_browser_gets_the_page_gzip_compressed_with_its_own_etag(client, content, attempt):
    if attempt == "miss":
        response = client.get("/en/members/", headers=GZIP)
        plain = client.get("/en/members/")
    else:
        plain = client.get("/en/members/")
        response = client.get("/en/members/", headers=GZIP)

    assert response["X-Page-Cache"] == attempt
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == plain.content
    assert len(response.content) < len(plain.content) / 3
    assert [v.strip() for v in response["Vary"].split(",")] == ["X-Catalogue-Partial", "Accept-Encoding"]
    assert "accept-encoding" in plain["Vary"].lower()
    assert not plain.has_header("Content-Encoding")
    assert response["ETag"] != plain["ETag"]
    assert response["ETag"].endswith('-gzip"')
    assert response["Cache-Control"] == "public, max-age=60"
    assert response.cookies == {}


@pytest.mark.parametrize(
    "accept",
    ["", "identity", "gzip;q=0", "gzip; q=0.000, deflate", "br, zstd", "*;q=0", "gzip;q=0, *"],
)
def test_client_that_refuses_gzip_gets_the_page_as_it_is(client, content, accept):
    client.get("/en/members/", headers=GZIP)  # stored compressed

    response = client.get("/en/members/", headers={"Accept-Encoding": accept})

    assert response["X-Page-Cache"] == "hit"
    assert not response.has_header("Content-Encoding")
    assert "Kadr Studio" in response.content.decode()


@pytest.mark.parametrize("accept", ["gzip", "GZIP;q=0.5", "deflate, gzip;q=1.0", "*", "br;q=1, *;q=0.1"])
def test_accept_encoding_forms_that_take_gzip(client, content, accept):
    client.get("/en/members/")

    response = client.get("/en/members/", headers={"Accept-Encoding": accept})

    assert response["Content-Encoding"] == "gzip"
    assert b"Kadr Studio" in gzip.decompress(response.content)


def test_each_etag_matches_only_its_own_form(client, content):
    plain_etag = client.get("/en/members/")["ETag"]
    gzip_etag = client.get("/en/members/", headers=GZIP)["ETag"]

    assert client.get("/en/members/", headers={**GZIP, "If-None-Match": gzip_etag}).status_code == 304
    assert client.get("/en/members/", headers={"If-None-Match": plain_etag}).status_code == 304
    not_modified = client.get("/en/members/", headers={**GZIP, "If-None-Match": gzip_etag})
    assert "accept-encoding" in not_modified["Vary"].lower()
    assert not not_modified.has_header("Content-Encoding")
    # A cache that kept the compressed form asks again for a client that takes none.
    stale = client.get("/en/members/", headers={"If-None-Match": gzip_etag})
    assert stale.status_code == 200
    assert "Kadr Studio" in stale.content.decode()


def test_small_page_is_stored_and_sent_uncompressed(client, content, monkeypatch):
    from core import pagecache

    monkeypatch.setattr(pagecache, "GZIP_MIN_LENGTH", 10**9)
    client.get("/en/members/")

    response = client.get("/en/members/", headers=GZIP)

    assert response["X-Page-Cache"] == "hit"
    assert not response.has_header("Content-Encoding")
    assert "accept-encoding" not in response.get("Vary", "").lower()
    assert "Kadr Studio" in response.content.decode()
