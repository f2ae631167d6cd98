"""The coordinator's side: the per-call board and the outcomes of every call, the lists
of requests, reports and reminders, the export and chart on the desk, and the demo data."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from cooperation import services
from cooperation.models import CallParticipation, CooperationRequest, RequestReport
from desk import selectors as desk_selectors
from members.models import Member
from news.models import Post
from tests.desk.conftest import ensure_coordinator_group
from tests.factories.accounts import UserFactory
from tests.factories.cooperation import CallParticipationFactory
from tests.factories.members import MemberFactory
from tests.factories.news import CallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    """A coordinator who is not a superuser: the "Coordinator" group only."""
    user = UserFactory(email="celina@example.org", is_staff=True)
    user.groups.add(ensure_coordinator_group())
    return user


@pytest.fixture
def marks(tender):
    rows = [
        ("Applying One", "applying"),
        ("Applying Two", "applying"),
        ("Won Firm", "won"),
        ("Lost Firm", "lost"),
        ("Just Curious", "interested"),
    ]
    return [CallParticipationFactory(call=tender, member=MemberFactory(name=n), status=s) for n, s in rows]


def test_the_office_sees_every_call_with_where_the_firms_stand(client, office, tender, marks):
    CallFactory(title_en="Untouched call")
    client.force_login(office)

    response = client.get("/admin/cooperation/callparticipation/calls/")

    assert response.status_code == 200
    row = next(c for c in response.context["calls"] if c.pk == tender.pk)
    assert (row.interested, row.applying, row.submitted, row.won, row.lost) == (1, 2, 0, 1, 1)


def test_the_board_of_a_call_lists_the_firms_by_stage(client, office, tender, marks, firm, request_obj):
    client.force_login(office)

    response = client.get(f"/admin/cooperation/callparticipation/call/{tender.pk}/", HTTP_ACCEPT_LANGUAGE="en")

    assert [p.member.name for p in response.context["rows"]] == [
        "Just Curious",
        "Applying One",
        "Applying Two",
        "Won Firm",
        "Lost Firm",
    ]
    assert "Secret partner search" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/cooperation/cooperationrequest/",
        "/admin/cooperation/requestanswer/",
        "/admin/cooperation/requestmessage/",
        "/admin/cooperation/requestreport/",
        "/admin/cooperation/callparticipation/",
        "/admin/cooperation/callreminder/",
        "/admin/cooperation/leadteamoptin/",
        "/admin/cooperation/cooperationpreference/",
    ],
)
def test_the_office_reaches_every_list_of_the_area(client, office, request_obj, url):
    client.force_login(office)

    assert client.get(url).status_code == 200


def test_a_member_reaches_no_admin_page_of_the_area(client, helper, tender):
    client.force_login(helper)

    response = client.get(f"/admin/cooperation/callparticipation/call/{tender.pk}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_office_moderates_on_the_site_and_shows_again_from_the_admin(client, office, request_obj):
    client.force_login(office)
    client.post(f"/en/cooperation/{request_obj.pk}/moderate/request/{request_obj.pk}/", {"reason": "Advert"})
    request_obj.refresh_from_db()
    assert (request_obj.hidden_reason, request_obj.moderated_by) == ("Advert", office)

    client.post(
        "/admin/cooperation/cooperationrequest/",
        {"action": "show_again", "_selected_action": [request_obj.pk]},
    )

    request_obj.refresh_from_db()
    assert request_obj.hidden_at is None


def test_hiding_a_reported_request_marks_its_reports_dealt_with(request_obj, helper, coordinator):
    services.report_submit(request=request_obj, user=helper, reason="Spam")

    services.hide(obj=request_obj, user=coordinator, reason="Spam indeed")

    assert list(RequestReport.objects.values_list("resolved", flat=True)) == [True]


def test_the_desk_exports_the_firms_on_calls(client, office, tender, marks):
    client.force_login(office)

    response = client.get("/admin/desk/export/calls/?format=csv", HTTP_ACCEPT_LANGUAGE="en")

    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "id,call or tender,category,deadline,firm,status,seeks_partners,last changed"
    assert sorted(line.split(",")[4:6] for line in lines[1:]) == [
        ["Applying One", "Applying"],
        ["Applying Two", "Applying"],
        ["Just Curious", "Interested"],
        ["Lost Firm", "Lost"],
        ["Won Firm", "Won"],
    ]


def test_the_outcomes_chart_counts_by_deadline_month(tender, marks):
    month = timezone.localtime(tender.deadline).date().replace(day=1)
    period = desk_selectors.Period(start=month, end=month + dt.timedelta(days=27))

    chart = desk_selectors.call_outcomes(period)

    assert {s.name: sum(s.values) for s in chart.series} == {"Applying": 2, "Won": 1, "Lost": 1}


def test_demo_data_loads_twice_with_the_same_cooperation(db):
    call_command("load_demo_data")
    first = (CooperationRequest.objects.count(), CallParticipation.objects.count())
    call_command("load_demo_data")

    assert (CooperationRequest.objects.count(), CallParticipation.objects.count()) == first
    assert set(CooperationRequest.objects.values_list("status", flat=True)) == {"open", "matched", "closed"}
    assert set(CooperationRequest.objects.values_list("kind", flat=True)) == set(CooperationRequest.Kind.values)
    tender = Post.objects.get(slug="przetarg-obsluga-techniczna-forum")
    assert tender.category == Post.Category.TENDER
    assert tender.is_open()
    assert CooperationRequest.objects.filter(call=tender).exists()
    # Every demo person works at an active demo firm and has no usable password.
    assert not Member.objects.filter(cooperation_requests__isnull=False).exclude(status="active").exists()
