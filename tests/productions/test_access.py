"""Permission matrix: anonymous, member, another firm's user, a suspended firm's user,
a user of no firm, and the coordinator, for every page of the productions area."""

import pytest
from django.urls import reverse

from productions import services
from productions.models import LeadAlertPreference, LeadResponse, ProductionLead
from tests.factories.productions import DraftLeadFactory, ProductionInquiryFactory, ProductionLeadFactory
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "other", "suspended", "outsider", "coordinator"]


@pytest.fixture
def as_role(client, member_user, other_user, suspended_user, outsider, coordinator):
    users = {
        "member": member_user,
        "other": other_user,
        "suspended": suspended_user,
        "outsider": outsider,
        "coordinator": coordinator,
    }

    def login(role):
        if role != "anonymous":
            client.force_login(users[role])
        return client

    return login


@pytest.fixture
def lead(categories):
    return ProductionLeadFactory(title_en="Secret Members Lead", services_needed=[categories["sound"]])


EXPECTED_MEMBERS_ONLY = {
    "anonymous": 302,
    "member": 200,
    "other": 200,
    "suspended": 403,
    "outsider": 403,
    "coordinator": 200,
}


EXPECTED_LIST = {**EXPECTED_MEMBERS_ONLY, "anonymous": 200}


@pytest.mark.parametrize("role", ROLES)
def test_lead_list_access_by_role(as_role, lead, role):
    response = as_role(role).get("/en/productions/")

    assert response.status_code == EXPECTED_LIST[role]
    assert ("Secret Members Lead" in response.content.decode()) is (role in {"member", "other", "coordinator"})


def test_lead_list_explains_itself_to_anonymous_visitors_without_leads(client, lead):
    response = client.get("/en/productions/", {"q": "Secret"})

    html = response.content.decode()
    assert response.templates[0].name == "productions/members_only.html"
    assert 'href="/accounts/login/?next=/en/productions/"' in html
    assert 'href="/en/productions/inquiry/"' in html
    assert "Secret Members Lead" not in html


@pytest.mark.parametrize("role", ROLES)
def test_lead_detail_access_by_role(as_role, lead, role):
    response = as_role(role).get(f"/en/productions/{lead.pk}/")

    assert response.status_code == EXPECTED_MEMBERS_ONLY[role]
    assert ("Secret Members Lead" in response.content.decode()) is (EXPECTED_MEMBERS_ONLY[role] == 200)


@pytest.mark.parametrize("role", ROLES)
def test_lead_search_access_by_role(as_role, lead, role):
    response = as_role(role).get("/en/productions/", {"q": "Secret"})

    assert response.status_code == EXPECTED_LIST[role]
    assert ("Secret Members Lead" in response.content.decode()) is (role in {"member", "other", "coordinator"})


@pytest.mark.parametrize(("role", "expected"), [("member", 404), ("coordinator", 200)])
def test_draft_lead_is_seen_by_the_coordinator_only(as_role, role, expected):
    draft = DraftLeadFactory(title_en="Unpublished Draft")

    list_html = as_role(role).get("/en/productions/").content.decode()
    response = as_role(role).get(f"/en/productions/{draft.pk}/")

    assert response.status_code == expected
    assert ("Unpublished Draft" in list_html) is (expected == 200)


@pytest.mark.parametrize(
    ("role", "expected_status", "expected_rows"),
    [
        ("anonymous", 302, 0),
        ("member", 302, 1),
        ("other", 403, 0),
        ("suspended", 403, 0),
        ("outsider", 403, 0),
        ("coordinator", 403, 0),
    ],
)
def test_interest_post_by_role(as_role, lead, firm, role, expected_status, expected_rows):
    response = as_role(role).post(f"/en/productions/{lead.pk}/interest/", {"member": firm.pk, "note": "Hi"})

    assert response.status_code == expected_status
    assert LeadResponse.objects.filter(lead=lead, member=firm).count() == expected_rows


@pytest.mark.parametrize(
    ("role", "expected_status", "expected_rows"),
    [
        ("anonymous", 302, 1),
        ("member", 302, 0),
        ("other", 403, 1),
        ("suspended", 403, 1),
        ("outsider", 403, 1),
        ("coordinator", 403, 1),
    ],
)
def test_withdraw_post_by_role(as_role, lead, firm, member_user, role, expected_status, expected_rows):
    services.lead_respond(lead=lead, member=firm, user=member_user, status=LeadResponse.Status.INTERESTED)

    response = as_role(role).post(f"/en/productions/{lead.pk}/interest/withdraw/", {"member": firm.pk})

    assert response.status_code == expected_status
    assert LeadResponse.objects.filter(lead=lead, member=firm).count() == expected_rows


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("member", 200), ("other", 200), ("suspended", 403), ("outsider", 403), ("coordinator", 200)],
)
def test_alert_settings_by_role(as_role, role, expected):
    assert as_role(role).get("/en/productions/alerts/").status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_public_pages_open_to_everyone(as_role, role):
    wrapped = ProductionLeadFactory(
        title_en="Public Wrapped Film",
        status=ProductionLead.Status.WRAPPED,
        visibility=ProductionLead.Visibility.PUBLIC,
    )
    client = as_role(role)

    assert client.get("/en/productions/inquiry/").status_code == 200
    assert client.get("/en/productions/inquiry/thanks/").status_code == 200
    assert client.get("/en/productions/showcase/").status_code == 200
    assert client.get(f"/en/productions/showcase/{wrapped.pk}/").status_code == 200
    assert client.get("/en/productions/showcase/feed/").status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_one_click_answer_page_needs_no_login_but_a_valid_token(as_role, lead, firm, member_user, role):
    token = services.answer_token(lead, firm, member_user, LeadResponse.Status.INTERESTED)
    client = as_role(role)

    assert client.get(f"/en/productions/answer/{token}/").status_code == 200
    assert client.get(f"/en/productions/answer/{token}x/").status_code == 400


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("member", 302), ("other", 302), ("suspended", 302), ("outsider", 302), ("coordinator", 200)],
)
def test_admin_response_board_by_role(as_role, lead, role, expected):
    url = reverse("admin:productions_productionlead_responses", args=[lead.pk])

    response = as_role(role).get(url)

    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("role", ROLES)
def test_admin_shortlist_is_sent_by_the_coordinator_only(as_role, lead, firm, member_user, role):
    services.lead_respond(lead=lead, member=firm, user=member_user, status=LeadResponse.Status.INTERESTED)

    response = as_role(role).post(
        reverse("admin:productions_productionlead_shortlist", args=[lead.pk]), {"to": "x@example.org", "language": "en"}
    )

    assert response.status_code == 302
    sent_to = ProductionLead.objects.get(pk=lead.pk).shortlist_sent_to
    if role == "coordinator":
        assert (response["Location"], sent_to) == (
            f"/admin/productions/productionlead/{lead.pk}/responses/",
            "x@example.org",
        )
    else:
        assert (response["Location"].startswith("/admin/login/"), sent_to) == (True, "")


@pytest.mark.parametrize("role", ROLES)
def test_admin_pages_of_the_area_are_for_the_coordinator_only(as_role, lead, role):
    inquiry = ProductionInquiryFactory()
    pages = [
        "/admin/productions/productionlead/",
        "/admin/productions/productionlead/add/",
        f"/admin/productions/productionlead/{lead.pk}/change/",
        "/admin/productions/productioninquiry/",
        f"/admin/productions/productioninquiry/{inquiry.pk}/change/",
        "/admin/productions/leadalertpreference/",
    ]
    client = as_role(role)

    responses = [client.get(page) for page in pages]

    if role == "coordinator":
        assert [r.status_code for r in responses] == [200] * len(pages)
    else:
        assert [(r.status_code, r["Location"].split("?")[0]) for r in responses] == [(302, "/admin/login/")] * len(
            pages
        )


@pytest.mark.parametrize("role", ROLES)
def test_admin_actions_are_for_the_coordinator_only(as_role, categories, role):
    draft = DraftLeadFactory(services_needed=[categories["sound"]])
    inquiry = ProductionInquiryFactory()
    client = as_role(role)

    # "post": the confirm of the page that first says how many firms will receive the lead.
    client.post(
        "/admin/productions/productionlead/", {"action": "publish", "_selected_action": [draft.pk], "post": "yes"}
    )
    client.post(
        "/admin/productions/productioninquiry/", {"action": "convert_to_lead", "_selected_action": [inquiry.pk]}
    )

    published = ProductionLead.objects.get(pk=draft.pk).published_at is not None
    converted = ProductionLead.objects.filter(inquiry=inquiry).exists()
    assert (published, converted) == ((True, True) if role == "coordinator" else (False, False))


@pytest.mark.parametrize("role", ROLES)
def test_one_click_answer_records_the_firm_of_the_link_whoever_is_logged_in(as_role, lead, firm, member_user, role):
    token = services.answer_token(lead, firm, member_user, LeadResponse.Status.NEED_INFO)

    response = as_role(role).post(f"/en/productions/answer/{token}/")

    assert response.status_code == 200
    assert list(LeadResponse.objects.values_list("member_id", "user_id", "status", "channel")) == [
        (firm.pk, member_user.pk, "need_info", "email")
    ]


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("member", 302), ("other", 302), ("suspended", 403), ("outsider", 403), ("coordinator", 302)],
)
def test_alert_settings_post_by_role(as_role, member_user, other_user, coordinator, role, expected):
    response = as_role(role).post("/en/productions/alerts/", {})

    assert response.status_code == expected
    saved = set(LeadAlertPreference.objects.filter(instant_lead_alerts=False).values_list("user__email", flat=True))
    emails = {"member": member_user.email, "other": other_user.email, "coordinator": coordinator.email}
    assert saved == ({emails[role]} if role in emails else set())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ["/en/productions/showcase/feed/", "/sitemap.xml", "/en/productions/showcase/"])
def test_members_only_lead_is_never_on_public_pages_whoever_asks(as_role, lead, role, path):
    client = as_role(role)
    body = sitemap_text(client) if path == "/sitemap.xml" else client.get(path).content.decode()

    assert "Secret Members Lead" not in body
    assert f"/productions/{lead.pk}/" not in body
