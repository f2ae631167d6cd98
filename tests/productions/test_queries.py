import re

import pytest

from productions import services
from tests.factories.productions import ProductionLeadFactory

pytestmark = pytest.mark.django_db


def _leads(count, categories, firm, user):
    for i in range(count):
        lead = ProductionLeadFactory(services_needed=[categories["sound"], categories["catering"]])
        if i % 2:
            services.lead_respond(lead=lead, member=firm, user=user, status="interested")


@pytest.mark.parametrize("count", [5, 50])
def test_lead_list_query_count_does_not_grow_with_leads(
    client, categories, firm, member_user, count, django_assert_num_queries
):
    _leads(count, categories, firm, member_user)
    client.force_login(member_user)

    # session, user, membership check, active firms, offered categories, count, page,
    # prefetch of needed services, the service filter's choices
    with django_assert_num_queries(10):
        response = client.get("/en/productions/", {"matching": "on", "service": categories["post"].pk})

    assert response.status_code == 200
    assert len(response.context["leads"]) == min(count, 20)


@pytest.mark.parametrize("count", [5, 50])
def test_admin_lead_list_query_count_does_not_grow_with_leads(
    client, categories, firm, member_user, coordinator, count, django_assert_num_queries
):
    _leads(count, categories, firm, member_user)
    client.force_login(coordinator)

    with django_assert_num_queries(8):
        response = client.get("/admin/productions/productionlead/")

    assert response.status_code == 200


def _wrapped(count):
    from productions.models import ProductionLead
    from tests.factories.members import MemberFactory
    from tests.factories.productions import LeadResponseFactory

    for i in range(count):
        lead = ProductionLeadFactory(status=ProductionLead.Status.WRAPPED, visibility=ProductionLead.Visibility.PUBLIC)
        LeadResponseFactory(lead=lead, member=MemberFactory(name=f"Crew {i}"), status="contracted")


@pytest.mark.parametrize("count", [5, 30])
def test_showcase_query_count_does_not_grow_with_productions(client, count, django_assert_num_queries):
    _wrapped(count)

    # count, page, the contracted public firms of the page
    with django_assert_num_queries(3):
        response = client.get("/en/productions/showcase/")

    assert len(response.context["productions"]) == min(count, 24)
    assert len(re.findall(r"Crew \d+", response.content.decode())) == min(count, 24)


@pytest.mark.parametrize("count", [5, 40])
def test_showcase_feed_query_count_does_not_grow_with_productions(client, count, django_assert_num_queries):
    _wrapped(count)

    with django_assert_num_queries(2):
        response = client.get("/en/productions/showcase/feed/")

    assert response.content.decode().count("<item>") == min(count, 30)


@pytest.mark.parametrize("count", [2, 20])
def test_response_board_query_count_does_not_grow_with_firms(
    client, categories, coordinator, count, django_assert_num_queries
):
    from django.urls import reverse

    from tests.factories.members import MemberFactory, MemberServiceFactory

    lead = ProductionLeadFactory(services_needed=[categories["sound"]])
    for i in range(count):
        member = MemberFactory(name=f"Studio {i}")
        MemberServiceFactory(member=member, category=categories["sound"])
        if i % 2:
            services.lead_respond(lead=lead, member=member, user=coordinator, status="interested")
    client.force_login(coordinator)
    url = reverse("admin:productions_productionlead_responses", args=[lead.pk])
    client.get(url)  # warm the session

    # user (the session is in the cache), the lead, its responses, the needed ids, the
    # matching firms
    with django_assert_num_queries(6):
        response = client.get(url)

    assert len(response.context["rows"]) == count


@pytest.mark.parametrize("count", [5, 50])
def test_admin_inquiry_list_query_count_does_not_grow_with_inquiries(
    client, coordinator, count, django_assert_num_queries
):
    from tests.factories.productions import ProductionInquiryFactory

    for inquiry in [ProductionInquiryFactory() for _ in range(count)][::2]:
        services.inquiry_convert_to_lead(inquiry=inquiry, user=coordinator)
    client.force_login(coordinator)

    # user (the session is in the cache), the total and filtered counts, the page with
    # each inquiry's lead
    with django_assert_num_queries(5):
        response = client.get("/admin/productions/productioninquiry/")

    assert response.context["cl"].result_count == count
