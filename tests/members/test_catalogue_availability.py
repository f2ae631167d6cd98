"""The catalogue's "available between" filter: alone, with the other filters, in the
facet counts, with bad dates, after a period changes (the cached counts and pages follow
it), and its query budget (the same as the catalogue's without it)."""

import datetime

import pytest

from core import generations
from members.models import MemberService
from members.services import member_refresh_search
from tests.factories.members import MemberFactory, ResourceFactory, ServiceCategoryFactory
from tests.factories.people import PeriodFactory
from tests.members.test_queries import CATALOGUE_QUERIES, CATALOGUE_QUERIES_CACHED, SEARCH_QUERIES, make_members

pytestmark = pytest.mark.django_db

D = datetime.date
WINDOW = {"available_from": "2027-06-10", "available_to": "2027-06-12"}


@pytest.fixture
def firms():
    """Three rental firms in two cities: one whose only camera is booked in June, one
    with a free second camera, one listing no resources at all."""
    rental = ServiceCategoryFactory(slug="rental")
    booked = MemberFactory(slug="booked-firm", name="Booked Firm", city="Kraków")
    spare = MemberFactory(slug="spare-firm", name="Spare Firm", city="Tarnów")
    bare = MemberFactory(slug="bare-firm", name="Bare Firm", city="Kraków")
    for member in (booked, spare, bare):
        MemberService.objects.create(member=member, category=rental)
        member_refresh_search(member_id=member.pk)
    PeriodFactory(person=None, resource=ResourceFactory(member=booked), start=D(2027, 6, 1), end=D(2027, 6, 10))
    PeriodFactory(person=None, resource=ResourceFactory(member=spare), start=D(2027, 6, 1), end=D(2027, 6, 30))
    ResourceFactory(member=spare)
    return booked, spare, bare


def slugs(response):
    return [member.slug for member in response.context["members"]]


def test_catalogue_window_alone_drops_a_firm_whose_only_resource_is_booked(client, firms):
    response = client.get("/en/members/", WINDOW)

    assert response.status_code == 200
    assert slugs(response) == ["bare-firm", "spare-firm"]
    assert "Available 10 June 2027 – 12 June 2027" in response.content.decode()


def test_catalogue_window_the_day_after_the_booking_keeps_the_firm(client, firms):
    response = client.get("/en/members/", {"available_from": "2027-06-11", "available_to": "2027-06-12"})

    assert slugs(response) == ["bare-firm", "booked-firm", "spare-firm"]


def test_catalogue_window_one_day_given_is_that_day(client, firms):
    assert slugs(client.get("/en/members/", {"available_from": "2027-06-10"})) == ["bare-firm", "spare-firm"]
    assert slugs(client.get("/en/members/", {"available_to": "2027-06-11"})) == [
        "bare-firm",
        "booked-firm",
        "spare-firm",
    ]


def test_catalogue_window_combined_with_city_and_search(client, firms):
    by_city = client.get("/en/members/", WINDOW | {"city": "Kraków"})
    by_search = client.get("/en/members/", WINDOW | {"q": "firm", "service": "rental"})

    assert slugs(by_city) == ["bare-firm"]
    assert sorted(slugs(by_search)) == ["bare-firm", "spare-firm"]


def test_catalogue_window_counts_in_the_facets(client, firms):
    response = client.get("/en/members/", WINDOW)

    cities = {option.value: option.count for option in response.context["facets"]["city"]}
    assert cities == {"Kraków": 1, "Tarnów": 1}
    assert response.context["paginator"].count == 2


def test_catalogue_window_bad_dates_say_so_and_filter_nothing(client, firms):
    response = client.get("/en/members/", {"available_from": "2027-06-12", "available_to": "2027-06-10"})
    garbage = client.get("/en/members/", {"available_from": "<script>", "available_to": "2027-06-10"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="f-available-to-errors"' in html
    assert "The last day cannot be before the first day." in html
    assert 'value="2027-06-12"' in html
    assert slugs(response) == ["bare-firm", "booked-firm", "spare-firm"]
    assert garbage.status_code == 200
    assert "&lt;script&gt;" in garbage.content.decode()
    assert "<script>" not in garbage.content.decode().split('id="f-available-from"')[1][:80]


def test_catalogue_window_follows_a_booking_made_after_the_page_was_cached(client, firms):
    booked, spare, bare = firms
    assert slugs(client.get("/en/members/", WINDOW)) == ["bare-firm", "spare-firm"]

    free_camera = spare.resources.exclude(periods__isnull=False).get()
    PeriodFactory(person=None, resource=free_camera, start=D(2027, 6, 12), end=D(2027, 6, 20))
    response = client.get("/en/members/", WINDOW)

    assert slugs(response) == ["bare-firm"]
    assert response.context["paginator"].count == 1


@pytest.fixture
def _rendered(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.mark.usefixtures("_rendered")
@pytest.mark.parametrize("count", [5, 50])
def test_catalogue_window_query_budget_is_the_catalogues(client, django_assert_num_queries, count):
    make_members(count)
    query = {"per_page": 50} | WINDOW
    client.get("/en/members/", query)
    generations.bump("members")

    with django_assert_num_queries(CATALOGUE_QUERIES):
        response = client.get("/en/members/", query)
    with django_assert_num_queries(CATALOGUE_QUERIES_CACHED):
        client.get("/en/members/", query)

    assert len(response.context["members"]) == count


@pytest.mark.usefixtures("_rendered")
@pytest.mark.parametrize("count", [5, 50])
def test_catalogue_window_with_search_query_budget_is_the_searchs(client, django_assert_num_queries, count):
    make_members(count)
    query = {"per_page": 50, "q": "studio", "service": "rental", "city": ["Kraków", "Tarnów"]} | WINDOW
    client.get("/en/members/", query)
    generations.bump("members")

    with django_assert_num_queries(SEARCH_QUERIES):
        response = client.get("/en/members/", query)

    assert len(response.context["members"]) == count
