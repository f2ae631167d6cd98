import pytest

from productions import selectors
from tests.factories.members import MemberFactory, MemberServiceFactory
from tests.factories.productions import ProductionLeadFactory

pytestmark = pytest.mark.django_db


def test_lead_list_marks_exactly_the_leads_needing_a_service_the_firm_offers(client, categories, member_user):
    # firm offers sound post-production (child of post-production) and camera rental
    exact = ProductionLeadFactory(title_en="Needs sound", services_needed=[categories["sound"]])
    parent = ProductionLeadFactory(title_en="Needs any post", services_needed=[categories["post"]])
    mixed = ProductionLeadFactory(
        title_en="Camera and catering", services_needed=[categories["camera"], categories["catering"]]
    )
    sibling = ProductionLeadFactory(title_en="Needs colour", services_needed=[categories["colour"]])
    other = ProductionLeadFactory(title_en="Needs catering", services_needed=[categories["catering"]])
    nothing = ProductionLeadFactory(title_en="Needs nothing yet")
    client.force_login(member_user)

    response = client.get("/en/productions/")

    marks = {lead.pk: lead.matches for lead in response.context["leads"]}
    assert marks == {
        exact.pk: True,
        parent.pk: True,
        mixed.pk: True,
        sibling.pk: False,
        other.pk: False,
        nothing.pk: False,
    }
    assert response.content.decode().count("Matches your services</span>") == 3


def test_matching_first_orders_matching_leads_before_the_rest(client, categories, member_user):
    old_match = ProductionLeadFactory(title_en="Old match", services_needed=[categories["camera"]])
    newer_other = ProductionLeadFactory(title_en="Newer other", services_needed=[categories["catering"]])
    newest_other = ProductionLeadFactory(title_en="Newest other", services_needed=[categories["catering"]])
    client.force_login(member_user)

    response = client.get("/en/productions/", {"matching": "on"})

    assert [lead.pk for lead in response.context["leads"]] == [old_match.pk, newest_other.pk, newer_other.pk]


def test_firm_offering_only_the_top_level_area_does_not_match_a_specific_need(categories):
    broad = MemberFactory()
    MemberServiceFactory(member=broad, category=categories["post"])
    lead = ProductionLeadFactory(services_needed=[categories["sound"]])

    assert selectors.lead_matches_member(lead=lead, member=broad) is False


def test_matching_members_lists_active_firms_offering_a_needed_service(categories, firm, other_firm):
    suspended = MemberFactory(status="suspended")
    MemberServiceFactory(member=suspended, category=categories["sound"])
    lead = ProductionLeadFactory(services_needed=[categories["post"], categories["catering"]])

    assert list(selectors.matching_members(lead=lead)) == [other_firm, firm]


def test_coordinator_without_firm_sees_no_match_marks(client, categories, coordinator):
    ProductionLeadFactory(services_needed=[categories["sound"]])
    client.force_login(coordinator)

    response = client.get("/en/productions/")

    assert [lead.matches for lead in response.context["leads"]] == [False]
    assert "matching" not in response.context["filter"].form.fields


def test_filters_by_status_kind_service_and_shooting_period(client, categories, member_user):
    import datetime as dt

    hit = ProductionLeadFactory(
        title_en="Hit",
        status="shooting",
        kind="series",
        shooting_start=dt.date(2027, 3, 1),
        shooting_end=dt.date(2027, 4, 30),
        services_needed=[categories["colour"]],
    )
    ProductionLeadFactory(
        title_en="Wrong status", status="rumour", kind="series", services_needed=[categories["colour"]]
    )
    ProductionLeadFactory(
        title_en="Too early",
        status="shooting",
        kind="series",
        shooting_start=dt.date(2026, 1, 1),
        shooting_end=dt.date(2026, 2, 1),
        services_needed=[categories["colour"]],
    )
    client.force_login(member_user)

    response = client.get(
        "/en/productions/",
        {
            "status": "shooting",
            "kind": "series",
            "service": categories["post"].pk,
            "shooting_from": "2027-04-01",
            "shooting_to": "2027-12-31",
        },
    )

    assert [lead.pk for lead in response.context["leads"]] == [hit.pk]
