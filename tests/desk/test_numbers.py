"""The public "cluster in numbers": figures equal direct counts, and they are cached."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import override

from desk import selectors
from events.models import Event, Registration
from members.models import Member
from productions.models import ProductionLead
from tests.factories.events import EventFactory, RegistrationFactory
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory
from tests.factories.productions import ProductionLeadFactory
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db


def test_numbers_equal_direct_counts_over_the_demo_data(db):
    call_command("load_demo_data")
    now = timezone.now()

    numbers = selectors.cluster_numbers()

    assert numbers["active_members"] == Member.objects.filter(status="active", is_public=True).count()
    assert numbers["events_held"] == Event.objects.filter(ends_at__lt=now).count()
    assert numbers["people_trained"] == len(
        set(
            Registration.objects.filter(
                event__kind__in=["training", "workshop"], event__ends_at__lt=now, attended_at__isnull=False
            ).values_list("email", flat=True)
        )
    )
    assert (
        sum(n for _year, n in numbers["productions_per_year"])
        == ProductionLead.objects.filter(status="wrapped", published_at__isnull=False).count()
    )
    assert numbers["active_members"] > 0
    assert numbers["members_by_category"]


def test_numbers_count_a_firm_once_per_top_level_category(db):
    post = ServiceCategoryFactory(slug="post", name_en="Post-production")
    sound = ServiceCategoryFactory(slug="sound", name_en="Sound", parent=post)
    colour = ServiceCategoryFactory(slug="colour", name_en="Colour", parent=post)
    firm = MemberFactory()
    MemberServiceFactory(member=firm, category=sound)
    MemberServiceFactory(member=firm, category=colour)
    MemberServiceFactory(member=MemberFactory(status=Member.Status.FORMER), category=sound)
    MemberServiceFactory(member=MemberFactory(is_public=False), category=sound)

    with override("en"):
        numbers = selectors.cluster_numbers()

    assert numbers["members_by_category"] == [("Post-production", 1)]


def test_numbers_productions_per_year_and_people_trained(db):
    ProductionLeadFactory(status="wrapped", shooting_start="2024-05-01", shooting_end="2024-06-01")
    ProductionLeadFactory(status="wrapped", shooting_start="2025-03-01", shooting_end=None)
    ProductionLeadFactory(status="wrapped", published_at=None, shooting_end="2025-01-01")  # a draft
    ProductionLeadFactory(status="shooting", shooting_end="2025-01-01")
    training = EventFactory(starts_at=timezone.now() - timedelta(days=30))
    RegistrationFactory(event=training, email="a@example.org", attended_at=timezone.now())
    RegistrationFactory(event=training, email="b@example.org")  # did not come
    again = EventFactory(starts_at=timezone.now() - timedelta(days=10))
    RegistrationFactory(event=again, email="a@example.org", attended_at=timezone.now())

    numbers = selectors.cluster_numbers()

    assert numbers["productions_per_year"] == [(2025, 1), (2024, 1)]
    assert numbers["people_trained"] == 1
    assert numbers["events_held"] == 2


def test_numbers_page_is_served_from_the_cache_on_the_second_visit(client, django_assert_num_queries):
    MemberFactory()
    client.get("/en/numbers/")
    MemberFactory()

    with django_assert_num_queries(0):
        response = client.get("/en/numbers/")

    assert '<strong data-figure="active_members">1</strong>' in response.content.decode()


def test_numbers_page_shows_the_figures_in_english(client):
    MemberFactory()

    response = client.get("/en/numbers/")

    html = response.content.decode()
    assert "The cluster in numbers" in html
    assert '<strong data-figure="active_members">1</strong>' in html


def test_numbers_page_is_in_the_sitemap_in_both_languages(client):
    xml = sitemap_text(client)
    assert "http://testserver/pl/numbers/" in xml
    assert 'hreflang="en" href="http://testserver/en/numbers/"' in xml


def _more(n):
    category = ServiceCategoryFactory()
    for _ in range(n):
        MemberServiceFactory(member=MemberFactory(), category=ServiceCategoryFactory(parent=category))
        ProductionLeadFactory(status="wrapped", shooting_end="2025-01-01")
        event = EventFactory(starts_at=timezone.now() - timedelta(days=3))
        RegistrationFactory(event=event, attended_at=timezone.now())


def test_numbers_query_count_is_constant_in_the_amount_of_data(django_assert_num_queries):
    _more(2)
    with django_assert_num_queries(6):
        selectors.cluster_numbers()
    _more(20)
    with django_assert_num_queries(6):
        numbers = selectors.cluster_numbers()

    assert numbers["people_trained"] == 22


def test_numbers_page_tables_list_productions_and_events_by_year(client):
    ProductionLeadFactory(status="wrapped", shooting_start="2024-05-01", shooting_end="2024-06-01")

    html = " ".join(client.get("/en/numbers/").content.decode().split())

    assert '<th scope="col">Productions supported</th>' in html
    assert '<th scope="row">2024</th> <td>1</td>' in html
    # No event held yet: that table says so rather than staying empty.
    assert '<th scope="col">Events held</th>' in html
    assert '<td colspan="2">No figures yet.</td>' in html
