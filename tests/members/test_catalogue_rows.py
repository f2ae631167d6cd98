"""A catalogue page's rows (ids and slugs) are cached until a member changes: a page seen
before costs no query, and every change that could alter it shows on it at once."""

import pytest

from members.models import Member, MemberService
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _rendered(settings):
    """The page cache would answer before the rows are read: every page here is rendered."""
    settings.PAGE_CACHE_SECONDS = 0


def slugs(response) -> list[str]:
    return [member.slug for member in response.context["members"]]


@pytest.fixture
def firms():
    return [MemberFactory(slug=f"firm-{n}", name=f"Firm {n}", city="Kraków") for n in range(4)]


def test_a_page_seen_before_is_served_without_a_query(client, firms, django_assert_num_queries):
    first = client.get("/en/members/")
    with django_assert_num_queries(0):
        again = client.get("/en/members/")

    assert slugs(again) == slugs(first) == ["firm-0", "firm-1", "firm-2", "firm-3"]
    assert again.content == first.content


def test_cached_rows_render_the_cards_of_another_language(client, firms):
    client.get("/en/members/")
    Member.objects.filter(pk=firms[0].pk).update(tagline_pl="Wypożyczalnia kamer")  # no signal: rows stay

    response = client.get("/pl/members/")

    assert response.status_code == 200
    assert slugs(response) == ["firm-0", "firm-1", "firm-2", "firm-3"]
    assert "Wypożyczalnia kamer" in response.content.decode()  # the card was built from the member's row


def test_a_member_hidden_disappears_from_the_cached_page_at_once(client, firms):
    client.get("/en/members/")
    firms[1].is_public = False
    firms[1].save()

    response = client.get("/en/members/")

    assert slugs(response) == ["firm-0", "firm-2", "firm-3"]
    assert "Firm 1" not in response.content.decode()


def test_a_renamed_member_moves_on_the_cached_page_at_once(client, firms):
    client.get("/en/members/", {"per_page": 24})
    firms[0].name = "Zeta Firm"
    firms[0].save()

    assert slugs(client.get("/en/members/", {"per_page": 24})) == ["firm-1", "firm-2", "firm-3", "firm-0"]


def test_a_new_member_appears_on_a_cached_filtered_page_at_once(client, firms):
    lighting = ServiceCategoryFactory(slug="lighting", parent=ServiceCategoryFactory(slug="production"))
    MemberServiceFactory(member=firms[2], category=lighting)
    assert slugs(client.get("/en/members/", {"service": "lighting"})) == ["firm-2"]

    MemberService.objects.create(member=firms[3], category=lighting)

    assert slugs(client.get("/en/members/", {"service": "lighting"})) == ["firm-2", "firm-3"]


def test_each_page_and_sort_has_rows_of_its_own(client):
    for n in range(30):
        MemberFactory(slug=f"m-{n:02}", name=f"Member {n:02}")

    first = slugs(client.get("/en/members/"))
    second = slugs(client.get("/en/members/", {"page": 2}))
    newest = slugs(client.get("/en/members/", {"sort": "updated"}))

    assert first == [f"m-{n:02}" for n in range(24)]
    assert second == [f"m-{n:02}" for n in range(24, 30)]
    assert newest[0] == "m-29"
    assert slugs(client.get("/en/members/", {"page": 2})) == second  # now from the cache
