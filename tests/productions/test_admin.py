import csv
import io

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from productions import services
from productions.models import LeadStatusChange, ProductionInquiry, ProductionLead
from tests.factories.members import MemberFactory, ServiceCategoryFactory
from tests.factories.productions import DraftLeadFactory, ProductionInquiryFactory, ProductionLeadFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/productions/productionlead/"


@pytest.fixture
def admin_client_(client, coordinator):
    client.force_login(coordinator)
    # The admin has no language prefix: it follows the browser, here an English one.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_admin_list_shows_interest_count(admin_client_, categories, firm, other_firm, member_user, other_user):
    lead = ProductionLeadFactory(title_en="Counted")
    services.lead_respond(lead=lead, member=firm, user=member_user, status="interested")
    services.lead_respond(lead=lead, member=other_firm, user=other_user, status="not_available")

    response = admin_client_.get(CHANGELIST)

    row = next(obj for obj in response.context["cl"].result_list if obj.pk == lead.pk)
    assert row.interest_count == 1


def test_admin_bulk_status_action_records_history(admin_client_, coordinator):
    leads = [ProductionLeadFactory(status="rumour"), ProductionLeadFactory(status="confirmed")]

    response = admin_client_.post(
        CHANGELIST, {"action": "mark_shooting", "_selected_action": [lead.pk for lead in leads]}
    )

    assert response.status_code == 302
    assert list(ProductionLead.objects.order_by("pk").values_list("status", flat=True)) == ["shooting", "shooting"]
    assert LeadStatusChange.objects.filter(status="shooting", changed_by=coordinator).count() == 2


def test_admin_publish_action_routes_the_lead(
    admin_client_, categories, firm, member_user, mailoutbox, django_capture_on_commit_callbacks
):
    draft = DraftLeadFactory(services_needed=[categories["camera"]])

    with django_capture_on_commit_callbacks(execute=True):
        # The action asks first (how many firms will receive it); "post" is its confirm.
        admin_client_.post(CHANGELIST, {"action": "publish", "_selected_action": [draft.pk], "post": "yes"})

    assert ProductionLead.objects.get(pk=draft.pk).published_at is not None
    assert [m.to for m in mailoutbox] == [[member_user.email]]


def test_admin_csv_export_lists_leads_with_interested_firms(admin_client_, firm, other_firm, member_user, other_user):
    lead = ProductionLeadFactory(title_en="=HYPERLINK(evil)", status="confirmed")
    services.lead_respond(lead=lead, member=firm, user=member_user, status="interested")
    services.lead_respond(lead=lead, member=other_firm, user=other_user, status="declined")

    response = admin_client_.post(CHANGELIST, {"action": "export_csv", "_selected_action": [lead.pk]})

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0][-1] == "interested firms"
    assert rows[1][2] == "'=HYPERLINK(evil)"
    assert rows[1][-1] == "Sound Studio Alpha (Interested)"
    assert len(rows) == 2


def test_admin_convert_inquiry_action_links_both_ways(admin_client_, categories):
    inquiry = ProductionInquiryFactory(project_title="Winter Light", services_needed=[categories["camera"]])

    response = admin_client_.post(
        "/admin/productions/productioninquiry/", {"action": "convert_to_lead", "_selected_action": [inquiry.pk]}
    )

    lead = ProductionLead.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:productions_productionlead_change", args=[lead.pk])
    lead_page = admin_client_.get(response["Location"]).content.decode()
    inquiry_page = admin_client_.get(
        reverse("admin:productions_productioninquiry_change", args=[inquiry.pk])
    ).content.decode()
    assert reverse("admin:productions_productioninquiry_change", args=[inquiry.pk]) in lead_page
    assert reverse("admin:productions_productionlead_change", args=[lead.pk]) in inquiry_page
    assert ProductionInquiry.objects.get().lead == lead


def test_response_board_shows_answers_and_who_has_not_answered(
    admin_client_, categories, firm, other_firm, member_user, other_user
):
    lead = ProductionLeadFactory(services_needed=[categories["camera"]])
    silent = MemberFactory(name="Silent Camera House")
    silent.services.create(category=categories["camera"])
    services.lead_respond(lead=lead, member=firm, user=member_user, status="interested", note="Ready")
    services.lead_respond(lead=lead, member=other_firm, user=other_user, status="need_info")

    response = admin_client_.get(reverse("admin:productions_productionlead_responses", args=[lead.pk]))

    rows = [(r.member.name, r.matches, r.response.status if r.response else None) for r in response.context["rows"]]
    assert rows == [
        ("Silent Camera House", True, None),
        ("Sound Studio Alpha", True, "interested"),
        ("Catering Beta", False, "need_info"),
    ]
    assert "No answer yet" in response.content.decode()


def test_send_shortlist_emails_producer_once_and_records_it(
    admin_client_, categories, firm, other_firm, member_user, other_user, mailoutbox, django_capture_on_commit_callbacks
):
    lead = ProductionLeadFactory(title_en="Shortlisted", contact_email="producer@example.org")
    services.lead_respond(lead=lead, member=firm, user=member_user, status="in_talks")
    services.lead_respond(lead=lead, member=other_firm, user=other_user, status="not_available")
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(
            reverse("admin:productions_productionlead_shortlist", args=[lead.pk]),
            {"to": "producer@example.org", "language": "en"},
        )

    lead.refresh_from_db()
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["producer@example.org"]]
    assert "Sound Studio Alpha" in mailoutbox[0].body
    assert "Catering Beta" not in mailoutbox[0].body
    assert lead.shortlist_sent_to == "producer@example.org"
    assert lead.shortlist_sent_at is not None
    assert list(lead.shortlist_members.all()) == [firm]
    change_page = admin_client_.get(reverse("admin:productions_productionlead_change", args=[lead.pk]))
    assert change_page.context["adminform"].form.instance.shortlist_sent_to == "producer@example.org"
    assert "Sound Studio Alpha" in change_page.content.decode()


def test_admin_pages_render_for_the_coordinator(admin_client_, categories):
    lead = ProductionLeadFactory(services_needed=[categories["sound"]])
    inquiry = ProductionInquiryFactory()

    pages = [
        CHANGELIST,
        "/admin/productions/productionlead/add/",
        f"/admin/productions/productionlead/{lead.pk}/change/",
        "/admin/productions/productioninquiry/",
        f"/admin/productions/productioninquiry/{inquiry.pk}/change/",
        "/admin/productions/leadalertpreference/",
    ]

    assert [admin_client_.get(page).status_code for page in pages] == [200] * len(pages)


def test_admin_change_form_records_status_change_by_the_coordinator(admin_client_, coordinator):
    lead = ProductionLeadFactory(status="confirmed")
    page = admin_client_.get(f"/admin/productions/productionlead/{lead.pk}/change/")
    form = page.context["adminform"].form
    data = {
        name: form[name].value() or "" for name in form.fields if name not in {"services_needed", "library_locations"}
    }
    data.update(
        {
            "status": "shooting",
            "responses-TOTAL_FORMS": 0,
            "responses-INITIAL_FORMS": 0,
            "status_changes-TOTAL_FORMS": 0,
            "status_changes-INITIAL_FORMS": 1,
        }
    )

    response = admin_client_.post(f"/admin/productions/productionlead/{lead.pk}/change/", data)

    assert response.status_code == 302
    assert list(LeadStatusChange.objects.filter(lead=lead).values_list("status", "changed_by")) == [
        ("confirmed", None),
        ("shooting", coordinator.pk),
    ]


@pytest.fixture
def view_only_staff(db):
    from django.contrib.auth.models import Permission

    from tests.factories.accounts import UserFactory

    user = UserFactory(email="auditor@example.org", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="productions",
            codename__in=["view_productionlead", "view_productioninquiry", "change_productioninquiry"],
        )
    )
    return user


def test_staff_who_may_only_view_leads_cannot_publish_change_status_or_convert(client, view_only_staff):
    draft = DraftLeadFactory(status="rumour")
    inquiry = ProductionInquiryFactory()
    client.force_login(view_only_staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    offered = client.get(CHANGELIST).context["action_form"].fields["action"].choices
    for action in ("publish", "mark_shooting"):
        client.post(CHANGELIST, {"action": action, "_selected_action": [draft.pk]})
    client.post(
        "/admin/productions/productioninquiry/", {"action": "convert_to_lead", "_selected_action": [inquiry.pk]}
    )

    assert [name for name, _label in offered if name] == ["export_csv"]
    assert list(ProductionLead.objects.values_list("status", "published_at")) == [("rumour", None)]


def _add_needed_services(lead, inquiry, prefix, count):
    area = ServiceCategoryFactory(slug=f"{prefix}-rental", name_en="Equipment rental")
    for n in range(count):
        category = ServiceCategoryFactory(slug=f"{prefix}-{n}", name_en=f"Service {n}", parent=area)
        lead.services_needed.add(category)
        inquiry.services_needed.add(category)


@pytest.mark.parametrize(
    "page",
    [
        "/admin/productions/productionlead/",
        "/admin/productions/productionlead/{lead}/change/",
        "/admin/productions/productioninquiry/{inquiry}/change/",
    ],
)
def test_admin_lead_and_inquiry_pages_list_categories_with_their_parents_in_one_query(admin_client, page):
    """The services-needed filter and pickers name each category with its parent's name;
    the number of queries must not grow with the number of categories."""
    lead, inquiry = ProductionLeadFactory(), ProductionInquiryFactory()
    url = page.format(lead=lead.pk, inquiry=inquiry.pk)

    def queries():
        with CaptureQueriesContext(connection) as context:
            response = admin_client.get(url, headers={"accept-language": "en"})
        assert response.status_code == 200
        assert "Equipment rental › Service 1" in response.text
        return len(context.captured_queries)

    _add_needed_services(lead, inquiry, "a", 2)
    admin_client.get(url)  # warm the session and content-type caches
    few = queries()
    _add_needed_services(lead, inquiry, "b", 12)

    assert queries() == few
