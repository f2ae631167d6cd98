"""The site search: what each kind of user finds, and never finds."""

import pytest
from django.utils import timezone

from members.models import Member
from productions.models import ProductionLead
from tests.factories.accounts import CoordinatorFactory, MembershipFactory, UserFactory
from tests.factories.events import EventFactory, MembersOnlyEventFactory
from tests.factories.filming import GuidePageFactory, IncentiveSchemeFactory
from tests.factories.locations import LocationFactory
from tests.factories.members import MemberFactory
from tests.factories.news import MembersOnlyPostFactory, PostFactory, ScheduledPostFactory
from tests.factories.productions import DraftLeadFactory, ProductionLeadFactory

pytestmark = pytest.mark.django_db

WORD = "zeppelin"  # one word in every item below, so each query is about visibility only


@pytest.fixture
def content():
    MemberFactory(name=f"Public {WORD} Studio", slug="public-studio")
    MemberFactory(name=f"Hidden {WORD} Studio", slug="hidden-studio", is_public=False)
    MemberFactory(name=f"Suspended {WORD} Studio", slug="suspended-studio", status=Member.Status.SUSPENDED)
    MemberFactory(name=f"Former {WORD} Studio", slug="former-studio", status=Member.Status.FORMER)
    PostFactory(title_en=f"Public {WORD} news", slug="public-news")
    MembersOnlyPostFactory(title_en=f"Members {WORD} news", slug="members-news")
    ScheduledPostFactory(title_en=f"Scheduled {WORD} news", slug="scheduled-news")
    EventFactory(title_en=f"Public {WORD} workshop", slug="public-event")
    MembersOnlyEventFactory(title_en=f"Members {WORD} meeting", slug="members-event")
    ProductionLeadFactory(title_en=f"Secret {WORD} feature")
    DraftLeadFactory(title_en=f"Draft {WORD} series")
    ProductionLeadFactory(
        title_en=f"Wrapped {WORD} documentary",
        status=ProductionLead.Status.WRAPPED,
        visibility=ProductionLead.Visibility.PUBLIC,
        shooting_end=timezone.localdate(),
    )
    LocationFactory(name_en=f"Public {WORD} courtyard", slug="public-courtyard")
    LocationFactory(name_en=f"Unpublished {WORD} cellar", slug="unpublished-cellar", is_published=False)
    LocationFactory(
        name_en=f"Hidden firm's {WORD} barn",
        slug="hidden-firms-barn",
        manager=MemberFactory(slug="hidden-manager", is_public=False),
    )
    GuidePageFactory(title_en=f"Public {WORD} guide", slug="public-guide")
    GuidePageFactory(title_en=f"Draft {WORD} guide", slug="draft-guide", is_published=False)
    IncentiveSchemeFactory(name_en=f"Public {WORD} rebate", slug="public-rebate")
    IncentiveSchemeFactory(name_en=f"Unpublished {WORD} rebate", slug="unpublished-rebate", is_published=False)


def titles(client):
    response = client.get("/en/search/", {"q": WORD})
    assert response.status_code == 200
    return {group.kind: sorted(hit.title for hit in group.hits) for group in response.context["results"].groups}


PUBLIC = {
    "members": [f"Public {WORD} Studio"],
    "people": [],
    "news": [f"Public {WORD} news"],
    "events": [f"Public {WORD} workshop"],
    "showcase": [f"Wrapped {WORD} documentary"],
    "leads": [],
    "locations": [f"Public {WORD} courtyard"],
    "filming": [f"Public {WORD} guide"],
    "incentives": [f"Public {WORD} rebate"],
}


def test_anonymous_finds_only_public_items(client, content):
    assert titles(client) == PUBLIC


def test_user_of_a_suspended_firm_finds_only_public_items(client, content):
    firm = MemberFactory(name="Gone Firm", status=Member.Status.SUSPENDED)
    client.force_login(MembershipFactory(member=firm).user)

    assert titles(client) == PUBLIC


def test_user_without_a_firm_finds_only_public_items(client, content):
    client.force_login(UserFactory())

    assert titles(client) == PUBLIC


def test_member_also_finds_members_only_news_events_and_published_leads(client, content):
    client.force_login(MembershipFactory(member=MemberFactory(name="Active Firm")).user)

    assert titles(client) == {
        "members": [f"Public {WORD} Studio"],
        "people": [],
        "news": [f"Members {WORD} news", f"Public {WORD} news"],
        "events": [f"Members {WORD} meeting", f"Public {WORD} workshop"],
        "showcase": [f"Wrapped {WORD} documentary"],
        "leads": [f"Secret {WORD} feature", f"Wrapped {WORD} documentary"],
        "locations": [f"Public {WORD} courtyard"],
        "filming": [f"Public {WORD} guide"],
        "incentives": [f"Public {WORD} rebate"],
    }


def test_coordinator_also_finds_draft_leads_but_never_hidden_members(client, content):
    client.force_login(CoordinatorFactory())

    found = titles(client)

    assert found["members"] == [f"Public {WORD} Studio"]
    assert found["leads"] == [f"Draft {WORD} series", f"Secret {WORD} feature", f"Wrapped {WORD} documentary"]


def test_members_only_words_are_not_offered_as_a_correction_to_anonymous(client, content):
    MembersOnlyPostFactory(title_en="Quixotically confidential", slug="confidential")

    response = client.get("/en/search/", {"q": "quixoticaly"})

    assert response.context["results"].typed is None
    assert response.context["results"].total == 0
    assert "Quixotically" not in response.content.decode()


def test_suggestions_name_public_members_and_categories_only(client, content):
    response = client.get("/en/search/suggest/", {"q": WORD})

    assert response.json() == {
        "suggestions": [{"label": f"Public {WORD} Studio", "url": "/en/members/public-studio/", "kind": "member"}]
    }


def test_typo_is_corrected_and_said(client, content):
    response = client.get("/en/search/", {"q": "zepelin"})

    results = response.context["results"]
    assert (results.query.text, results.typed.text) == (WORD, "zepelin")
    assert "Showing results for <strong>zeppelin</strong>" in response.content.decode()
    assert "verbatim=1" in response.content.decode()


def test_verbatim_search_does_not_correct(client, content):
    response = client.get("/en/search/", {"q": "zepelin", "verbatim": "1"})

    assert response.context["results"].total == 0


@pytest.mark.parametrize("q", ["", "\x00", "&|!:*", "'; DROP TABLE x", "a" * 5000, "ż" * 300])
def test_odd_queries_never_fail(client, content, q):
    assert client.get("/en/search/", {"q": q}).status_code == 200
    assert client.get("/en/search/suggest/", {"q": q}).status_code == 200
