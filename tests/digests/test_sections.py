"""The section providers on the real models of the other areas."""

import datetime as dt

import pytest
from django.utils import timezone

from digests.content import assemble, compute_shared_content
from digests.models import Frequency
from digests.periods import previous_period
from digests.selectors import recipients_for
from tests.factories.digests import joined_member, member_user
from tests.factories.events import EventFactory
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory
from tests.factories.news import CallFactory, PostFactory
from tests.factories.productions import ProductionLeadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def week():
    return previous_period(Frequency.WEEKLY)


def titles(sections, key):
    return [item["title"] for section in sections if section["key"] == key for item in section["items"]]


def test_digest_holds_the_weeks_content_from_every_area(week):
    in_week = week.starts_at + dt.timedelta(days=2)
    sound = ServiceCategoryFactory(name_en="Sound")
    firm = MemberFactory()
    MemberServiceFactory(member=firm, category=sound)
    user = member_user(member=firm)
    ProductionLeadFactory(title_en="Harbour Lights", published_at=in_week)
    matching_lead = ProductionLeadFactory(title_en="Quiet Valley", published_at=in_week + dt.timedelta(hours=1))
    matching_lead.services_needed.add(sound)
    ProductionLeadFactory(title_en="Old Lead", published_at=week.starts_at - dt.timedelta(days=20))
    PostFactory(title_en="Cluster at the festival", published_at=in_week)
    PostFactory(title_en="Last month's news", published_at=week.starts_at - dt.timedelta(days=40))
    soon, later = timezone.now() + dt.timedelta(days=10), timezone.now() + dt.timedelta(days=20)
    CallFactory(title_en="Regional film fund", deadline=soon, published_at=in_week - dt.timedelta(hours=2))
    CallFactory(title_en="Far call", deadline=later, published_at=in_week - dt.timedelta(hours=1))
    EventFactory(title_en="Sound workshop", starts_at=timezone.now() + dt.timedelta(days=12))
    EventFactory(title_en="Far away event", starts_at=timezone.now() + dt.timedelta(days=45))
    joined_member(at=in_week, name="Fresh Frames Studio")

    content = compute_shared_content(week, "en")
    recipient = recipients_for([user.pk], until=week.end)[user.pk]
    sections = assemble(content, recipient, week)

    assert [s["key"] for s in sections] == ["leads", "news", "events", "calls", "members"]
    assert titles(sections, "leads") == ["Quiet Valley", "Harbour Lights"]
    assert [item["matches"] for item in sections[0]["items"]] == [True, False]
    # Newest first; calls published in the week are news too.
    assert titles(sections, "news") == ["Cluster at the festival", "Far call", "Regional film fund"]
    assert titles(sections, "events") == ["Sound workshop"]
    assert titles(sections, "calls") == ["Regional film fund"]
    assert titles(sections, "members") == ["Fresh Frames Studio"]


def test_shared_content_is_in_the_requested_language(week):
    PostFactory(title_pl="Klaster na festiwalu", title_en="Cluster at the festival", slug="festival",
                published_at=week.starts_at + dt.timedelta(days=1))  # fmt: skip

    polish = compute_shared_content(week, "pl")["sections"]["news"]

    assert [item["title"] for item in polish["items"]] == ["Klaster na festiwalu"]
    assert polish["items"][0]["url"] == "http://127.0.0.1:8000/pl/news/festival/"
    assert polish["url"] == "http://127.0.0.1:8000/pl/news/"


def test_new_leads_come_newest_first_like_every_other_section(week):
    user = member_user()
    ProductionLeadFactory(title_en="Monday Lead", published_at=week.starts_at + dt.timedelta(hours=9))
    ProductionLeadFactory(title_en="Thursday Lead", published_at=week.starts_at + dt.timedelta(days=3))
    ProductionLeadFactory(title_en="Wednesday Lead", published_at=week.starts_at + dt.timedelta(days=2))

    content = compute_shared_content(week, "en")
    sections = assemble(content, recipients_for([user.pk], until=week.end)[user.pk], week)

    assert titles(sections, "leads") == ["Thursday Lead", "Wednesday Lead", "Monday Lead"]
