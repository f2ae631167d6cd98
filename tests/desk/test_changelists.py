"""Query budgets of the four busiest admin changelists, and of the desk's and the
digest's own, as the coordinator opens them: the same number of queries for 5 and for
50 rows (no N+1 on any column)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories.accounts import UserFactory
from tests.factories.digests import DigestDeliveryFactory, DigestPreferenceFactory
from tests.factories.events import EventFactory, RegistrationFactory
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory
from tests.factories.productions import LeadResponseFactory, ProductionLeadFactory

pytestmark = pytest.mark.django_db


def _members(n, start):
    category = ServiceCategoryFactory(slug="camera-rental")
    for i in range(start, start + n):
        member = MemberFactory(name=f"Firm {i:03}", slug=f"firm-{i:03}")
        MemberServiceFactory(member=member, category=category)


def _leads(n, start):
    for _ in range(n):
        lead = ProductionLeadFactory()
        LeadResponseFactory(lead=lead)


def _registrations(n, start):
    event = EventFactory()
    for i in range(n):
        RegistrationFactory(event=event if i % 2 else EventFactory(), attended_at=timezone.now())


def _deliveries(n, start):
    for i in range(start, start + n):
        DigestDeliveryFactory(period_start=timezone.localdate() - timedelta(days=7 * i))


def _interests(n, start):
    for _ in range(n):
        LeadResponseFactory(status="interested", user=UserFactory())


def _preferences(n, start):
    for _ in range(n):
        DigestPreferenceFactory()


# (changelist, rows maker, query budget): session (in the database, so that it survives a
# Redis outage), user, permissions, count(s), page, filters.
# The four busiest, then the desk's and the digest's own lists.
CHANGELISTS = [
    ("/admin/members/member/", _members, 9),
    ("/admin/productions/productionlead/", _leads, 10),
    ("/admin/events/registration/", _registrations, 8),
    ("/admin/digests/digestdelivery/", _deliveries, 10),
    ("/admin/desk/leadinterest/", _interests, 9),
    ("/admin/digests/digestpreference/", _preferences, 7),
]


def _queries(client, url) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.context["cl"].result_count


@pytest.mark.parametrize(("url", "make", "budget"), CHANGELISTS, ids=[c[0].split("/")[3] for c in CHANGELISTS])
def test_changelist_query_count_is_the_same_for_5_and_50_rows(coordinator_client, url, make, budget):
    make(5, 0)
    coordinator_client.get(url)  # warm the session and permission caches
    small, small_rows = _queries(coordinator_client, url)
    make(45, 5)

    large, large_rows = _queries(coordinator_client, url)

    assert (small_rows, large_rows) == (5, 50)
    assert (small, large) == (budget, budget)
