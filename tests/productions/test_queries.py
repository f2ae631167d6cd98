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
    with django_assert_num_queries(9):
        response = client.get("/en/productions/", {"matching": "on", "service": categories["post"].pk})

    assert response.status_code == 200
    assert len(response.context["leads"]) == min(count, 20)


@pytest.mark.parametrize("count", [5, 50])
def test_admin_lead_list_query_count_does_not_grow_with_leads(
    client, categories, firm, member_user, coordinator, count, django_assert_num_queries
):
    _leads(count, categories, firm, member_user)
    client.force_login(coordinator)

    with django_assert_num_queries(9):
        response = client.get("/admin/productions/productionlead/")

    assert response.status_code == 200
