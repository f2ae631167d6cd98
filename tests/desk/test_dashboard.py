"""The admin home: every number equals a direct count, and its link lists exactly that."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Invitation
from cooperation.models import RequestReport
from desk import selectors
from digests.models import DigestDelivery
from events.models import Event, Registration
from members.models import Member
from news.models import Post
from productions.models import LeadResponse, LeadStatusChange, ProductionInquiry
from tests.factories.accounts import InvitationFactory
from tests.factories.cooperation import CooperationRequestFactory
from tests.factories.digests import DigestDeliveryFactory
from tests.factories.events import EventFactory, RegistrationFactory
from tests.factories.members import MemberFactory
from tests.factories.news import CallFactory
from tests.factories.productions import LeadResponseFactory, ProductionInquiryFactory, ProductionLeadFactory

pytestmark = pytest.mark.django_db

ATTENTION_KEYS = [
    "new_inquiries",
    "new_interests",
    "pending_invitations",
    "failed_deliveries",
    "deadlines",
    "open_reports",
    "stale_profiles",
]


def _numbers(html: str) -> dict[str, int]:
    found = re.findall(
        r'data-key="([a-z_]+)">\s*<a href="[^"]*">\s*<span class="desk-attention__count" '
        r'data-count="(\d+)"',
        html,
    )
    return {key: int(count) for key, count in found}


def _add_activity_beyond_demo():
    """Rows the demo has none of, and some that must NOT be counted (too old, converted)."""
    now = timezone.now()
    old = ProductionInquiryFactory()
    ProductionInquiry.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=40))
    converted = ProductionInquiryFactory()
    ProductionLeadFactory(inquiry=converted)
    DigestDeliveryFactory(state=DigestDelivery.State.FAILED, last_error="550 mailbox unavailable")
    DigestDeliveryFactory(state=DigestDelivery.State.SENT, period_start=now.date() - timedelta(days=7))
    InvitationFactory(sent_at=now - timedelta(days=30))  # expired, not pending any more
    CallFactory(deadline=now + timedelta(days=40))  # beyond the fortnight
    request = CooperationRequestFactory()
    RequestReport.objects.create(request=request, reason="Spam")
    RequestReport.objects.create(request=request, reason="Dealt with", resolved=True)
    stale = MemberFactory()
    Member.objects.filter(pk=stale.pk).update(updated_at=now - timedelta(days=200))


def test_dashboard_numbers_equal_direct_counts_over_demo_data(coordinator_client):
    call_command("load_demo_data")
    _add_activity_beyond_demo()
    now = timezone.now()
    today = timezone.localdate()

    response = coordinator_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")

    expected = {
        "new_inquiries": ProductionInquiry.objects.filter(
            lead__isnull=True, created_at__date__gte=today - timedelta(days=14)
        ).count(),
        "new_interests": LeadResponse.objects.filter(
            status__in=["interested", "in_talks", "contracted"], created_at__date__gte=today - timedelta(days=7)
        ).count(),
        "pending_invitations": Invitation.objects.filter(status="pending", expires_at__gt=now).count(),
        "failed_deliveries": DigestDelivery.objects.filter(state="failed").count(),
        "deadlines": Post.objects.filter(
            category__in=["funding-call", "tender"],
            deadline__date__gte=today,
            deadline__date__lt=today + timedelta(days=14),
        ).count(),
        "open_reports": RequestReport.objects.filter(resolved=False).count(),
        "stale_profiles": Member.objects.filter(
            status="active", updated_at__date__lt=selectors.add_months(today, -6)
        ).count(),
    }
    assert response.status_code == 200
    assert _numbers(response.content.decode()) == expected
    assert expected["failed_deliveries"] == 1
    assert expected["stale_profiles"] == 1
    assert expected["open_reports"] == 1


def test_dashboard_events_this_week_match_a_direct_query_with_fill_rate(coordinator_client):
    call_command("load_demo_data")
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    event = EventFactory(
        starts_at=timezone.make_aware(
            timezone.datetime.combine(monday + timedelta(days=3), timezone.datetime.min.time())
        )
        + timedelta(hours=10),
        capacity=8,
    )
    RegistrationFactory.create_batch(2, event=event)
    RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)

    response = coordinator_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")

    listed = [e.pk for e in response.context["desk"]["attention"]["events_this_week"]]
    expected = list(
        Event.objects.filter(starts_at__date__gte=monday, starts_at__date__lte=monday + timedelta(days=6))
        .order_by("starts_at", "pk")
        .values_list("pk", flat=True)
    )
    assert listed == expected
    row = re.search(rf'<tr data-event="{event.pk}">(.*?)</tr>', response.content.decode(), re.S).group(1)
    assert "25%" in row  # 2 confirmed of 8 seats


def test_dashboard_links_list_exactly_the_counted_rows(client, superuser):
    call_command("load_demo_data")
    _add_activity_beyond_demo()
    LeadResponseFactory()
    InvitationFactory()
    CallFactory(deadline=timezone.now() + timedelta(days=3))
    client.force_login(superuser)

    attention = selectors.attention()

    for item in attention["items"]:
        page = client.get(item.url)
        assert page.status_code == 200, item.url
        assert (item.key, page.context["cl"].result_count) == (item.key, item.count)
    assert {item.key for item in attention["items"]} == set(ATTENTION_KEYS)


def test_charts_render_for_an_empty_database(coordinator_client):
    response = coordinator_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<svg class="desk-chart__svg"') == len(selectors.CHARTS)
    assert html.count("Nothing in this period.</text>") == len(selectors.CHARTS)
    assert html.count('data-total="0"') == len(selectors.CHARTS)


def test_charts_render_for_the_demo_data_with_totals_equal_to_direct_counts(coordinator_client):
    call_command("load_demo_data")
    period = selectors.Period.default()
    in_period = {"created_at__date__gte": period.start, "created_at__date__lte": period.end}

    response = coordinator_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")

    html = response.content.decode()
    totals = {
        slug: int(total)
        for slug, total in re.findall(
            r'<figure class="desk-chart" id="chart-([a-z-]+)">.*?data-total="(\d+)"', html, re.S
        )
    }
    past_events = Event.objects.filter(
        starts_at__date__gte=period.start, starts_at__date__lte=period.end, ends_at__lt=timezone.now()
    ).order_by("-starts_at")[:12]
    assert (
        totals["leads-by-month"]
        == LeadStatusChange.objects.filter(reached_at__date__gte=period.start, reached_at__date__lte=period.end).count()
    )
    assert totals["leads-by-kind"] == selectors.ProductionLead.objects.filter(**in_period).count()
    assert totals["inquiries"] == (
        ProductionInquiry.objects.filter(**in_period).count() + selectors.Inquiry.objects.filter(**in_period).count()
    )
    assert (
        totals["interests-per-firm"]
        == LeadResponse.objects.filter(status__in=LeadResponse.POSITIVE, **in_period).count()
    )
    assert totals["profile-freshness"] == Member.objects.filter(status="active").count()
    assert totals["event-attendance"] == sum(
        e.registrations.filter(status="confirmed").count()
        + e.registrations.filter(attended_at__isnull=False).count()
        + (e.capacity or 0)
        for e in past_events
    )
    assert (
        totals["digest-deliveries"] == DigestDelivery.objects.filter(state__in=["sent", "failed"], **in_period).count()
    )
    for slug in ("leads-by-month", "leads-by-kind", "services-asked", "profile-freshness", "event-attendance"):
        assert totals[slug] > 0, slug


def test_dashboard_period_form_narrows_the_charts(coordinator_client):
    ProductionLeadFactory()
    today = timezone.localdate()
    start = today - timedelta(days=400)
    end = today - timedelta(days=100)

    response = coordinator_client.get(
        "/admin/", {"start": start.isoformat(), "end": end.isoformat()}, HTTP_ACCEPT_LANGUAGE="en"
    )

    desk = response.context["desk"]
    assert desk["period"] == selectors.Period(start, end)
    assert [c["chart"].total for c in desk["charts"] if c["chart"].slug == "leads-by-kind"] == [0]


def test_dashboard_period_form_shows_an_error_and_falls_back_to_twelve_months(coordinator_client):
    response = coordinator_client.get(
        "/admin/", {"start": "2026-05-01", "end": "2026-01-01"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.context["desk"]["period"] == selectors.Period.default()
    assert "The end of the period cannot come before its start." in response.content.decode()
    assert 'value="2026-05-01"' in response.content.decode()


def _activity(n: int):
    lead = None
    for i in range(n):
        lead = ProductionLeadFactory(kind="series" if i % 2 else "feature")
        LeadResponseFactory(lead=lead)
        ProductionInquiryFactory()
        event = EventFactory(starts_at=timezone.now() - timedelta(days=3 + i), capacity=5)
        RegistrationFactory(event=event, attended_at=timezone.now())
        DigestDeliveryFactory(
            state="failed" if i % 3 else "sent", period_start=timezone.localdate() - timedelta(days=i)
        )
        InvitationFactory()
        CallFactory(deadline=timezone.now() + timedelta(days=1 + i % 10))
    return lead


def test_dashboard_query_count_is_constant_in_the_amount_of_data(coordinator_client, django_assert_num_queries):
    _activity(3)
    coordinator_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")  # warm the session and permission caches
    with django_assert_num_queries(QUERY_BUDGET):
        coordinator_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    _activity(30)
    with django_assert_num_queries(QUERY_BUDGET):
        coordinator_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")


QUERY_BUDGET = 22


def test_dashboard_period_inputs_show_the_default_period(coordinator_client):
    period = selectors.Period.default()

    response = coordinator_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="pl")

    html = response.content.decode()
    assert f'name="start" value="{period.start:%Y-%m-%d}"' in html
    assert f'name="end" value="{period.end:%Y-%m-%d}"' in html


@pytest.mark.parametrize(
    ("start", "end"), [("9999-12-01", "9999-12-31"), ("0001-01-01", "0001-06-30"), ("1200-01-01", "1200-02-01")]
)
def test_dashboard_period_out_of_range_shows_an_error_and_falls_back(coordinator_client, start, end):
    response = coordinator_client.get("/admin/", {"start": start, "end": end}, HTTP_ACCEPT_LANGUAGE="en")

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["desk"]["period"] == selectors.Period.default()
    assert "Enter a date between 1990-01-01 and 2100-12-31." in html
    assert f'value="{start}"' in html


@pytest.mark.parametrize("slug", list(selectors.CHARTS))
def test_chart_csv_with_a_period_out_of_range_uses_the_last_twelve_months(coordinator_client, slug):
    response = coordinator_client.get(f"/admin/desk/charts/{slug}.csv", {"start": "9999-12-01", "end": "9999-12-31"})

    default = selectors.Period.default()
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="{slug}-{default.start:%Y%m%d}-{default.end:%Y%m%d}.csv"'
    )
