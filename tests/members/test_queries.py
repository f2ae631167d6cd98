"""Query budgets: the catalogue costs the same for 5 and 50 members on a page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core import generations
from members.models import MemberService
from members.services import member_refresh_search
from tests.factories.members import (
    CreditFactory,
    GalleryImageFactory,
    MemberFactory,
    MemberServiceFactory,
    ResourceFactory,
    ServiceCategoryFactory,
    png_bytes,
)

pytestmark = pytest.mark.django_db

# A page whose counts and search are not cached yet, and the same page again (its rows
# cached too: the filtered search still asks which of its matches pass the filters).
CATALOGUE_QUERIES = 5
CATALOGUE_QUERIES_CACHED = 0
SEARCH_QUERIES = 8
SEARCH_QUERIES_CACHED = 1


def make_members(count):
    area = ServiceCategoryFactory(slug="rental")
    categories = [ServiceCategoryFactory(slug=f"cat-{n}", parent=area) for n in range(3)]
    members = [
        MemberFactory(
            city=["Kraków", "Tarnów"][n % 2],
            logo=SimpleUploadedFile("l.png", png_bytes(), content_type="image/png") if n < 5 else "",
        )
        for n in range(count)
    ]
    MemberService.objects.bulk_create(
        MemberService(member=member, category=category)
        for n, member in enumerate(members)
        for category in categories[: 1 + n % 3]
    )
    for member in members:  # what the signals would do, once per member instead of per service
        member_refresh_search(member_id=member.pk)


@pytest.fixture(autouse=True)
def _rendered(settings):
    """Budgets of rendering a page: the whole-page cache would answer with none at all."""
    settings.PAGE_CACHE_SECONDS = 0


def forget_counts():
    """Drop the cached counts and searches, keeping the thumbnails' URLs."""
    generations.bump("members")


@pytest.mark.parametrize("count", [5, 50])
def test_catalogue_query_budget_is_independent_of_page_size(client, django_assert_num_queries, count):
    make_members(count)
    client.get("/en/members/", {"per_page": 50})  # thumbnails are made once, then cached
    forget_counts()

    with django_assert_num_queries(CATALOGUE_QUERIES):
        response = client.get("/en/members/", {"per_page": 50})
    with django_assert_num_queries(CATALOGUE_QUERIES_CACHED):
        client.get("/en/members/", {"per_page": 50})

    assert len(response.context["members"]) == count


@pytest.mark.parametrize("count", [5, 50])
def test_filtered_catalogue_query_budget_is_independent_of_page_size(client, django_assert_num_queries, count):
    make_members(count)
    query = {"per_page": 50, "q": "studio", "service": "rental", "city": ["Kraków", "Tarnów"], "language": "pl"}
    client.get("/en/members/", query)
    forget_counts()

    with django_assert_num_queries(SEARCH_QUERIES):
        response = client.get("/en/members/", query)
    with django_assert_num_queries(SEARCH_QUERIES_CACHED):
        client.get("/en/members/", query)

    assert len(response.context["members"]) == count


@pytest.mark.parametrize("items", [1, 10])
def test_profile_query_budget(client, django_assert_num_queries, items):
    member = MemberFactory(slug="kadr", logo=SimpleUploadedFile("l.png", png_bytes(), content_type="image/png"))
    for n in range(items):
        MemberServiceFactory(member=member, category=ServiceCategoryFactory(slug=f"c{n}"))
        CreditFactory(member=member)
        ResourceFactory(member=member)
        GalleryImageFactory(member=member)
    client.get("/en/members/kadr/")

    with django_assert_num_queries(6):
        response = client.get("/en/members/kadr/")

    assert response.status_code == 200
