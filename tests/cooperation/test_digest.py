"""The digest's cooperation section: requests posted in the period that a recipient's
firm could answer, never its own, never hidden or closed ones, capped like every section."""

import datetime as dt

import pytest

from cooperation import services
from digests.content import assemble, compute_shared_content, email_parts
from digests.models import DigestPreference, Frequency, SectionKey
from digests.periods import previous_period
from digests.sections import MAX_ITEMS, Window, cooperation_items
from digests.selectors import recipients_for
from tests.factories.cooperation import CooperationRequestFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def week():
    return previous_period(Frequency.WEEKLY)


def _titles(sections):
    return [i["title"] for s in sections if s["key"] == SectionKey.COOPERATION for i in s["items"]]


def test_the_section_holds_what_the_recipients_firm_could_answer(
    week, firm, author, other_firm, helper, categories, coordinator
):
    during = week.starts_at + dt.timedelta(days=1)
    third = MemberFactory(name="Third")
    CooperationRequestFactory(member=third, title_en="Needs colour", services=[categories["colour"]], created_at=during)
    CooperationRequestFactory(member=third, title_en="Needs post", services=[categories["post"]], created_at=during)
    CooperationRequestFactory(member=third, title_en="Needs sound", services=[categories["sound"]], created_at=during)
    CooperationRequestFactory(
        member=other_firm, title_en="Own colour", services=[categories["colour"]], created_at=during
    )
    CooperationRequestFactory(
        member=third, title_en="Closed colour", services=[categories["colour"]], created_at=during, status="closed"
    )
    hidden = CooperationRequestFactory(
        member=third, title_en="Hidden colour", services=[categories["colour"]], created_at=during
    )
    services.hide(obj=hidden, user=coordinator, reason="Spam")
    CooperationRequestFactory(
        member=third,
        title_en="Last month",
        services=[categories["colour"]],
        created_at=week.starts_at - dt.timedelta(days=40),
    )

    content = compute_shared_content(week, "en")
    recipients = recipients_for([helper.pk, author.pk], until=week.end)

    assert _titles(assemble(content, recipients[helper.pk], week)) == ["Needs post", "Needs colour"]
    assert _titles(assemble(content, recipients[author.pk], week)) == ["Needs sound", "Needs post"]


def test_a_recipient_who_left_the_section_out_does_not_get_it(week, other_firm, helper, categories):
    CooperationRequestFactory(
        member=MemberFactory(), services=[categories["colour"]], created_at=week.starts_at + dt.timedelta(days=1)
    )
    DigestPreference.objects.create(user=helper, sections=["news"])

    content = compute_shared_content(week, "en")

    assert assemble(content, recipients_for([helper.pk], until=week.end)[helper.pk], week) == []


def test_the_section_is_capped_and_links_to_the_board(week, other_firm, helper, categories):
    third = MemberFactory()
    for i in range(MAX_ITEMS + 3):
        CooperationRequestFactory(
            member=third, services=[categories["colour"]], created_at=week.starts_at + dt.timedelta(hours=i + 1)
        )

    content = compute_shared_content(week, "en")
    recipient = recipients_for([helper.pk], until=week.end)[helper.pk]
    section = next(s for s in assemble(content, recipient, week) if s["key"] == SectionKey.COOPERATION)
    parts = email_parts(content=content, recipient=recipient, sections=[section])

    assert (len(section["items"]), section["more"]) == (MAX_ITEMS, 3)
    assert section["url"] == "http://127.0.0.1:8000/en/cooperation/"
    assert "…and 3 more on the portal" in parts["context"]["sections"][0]["text"]


@pytest.mark.parametrize("count", [3, 30])
def test_the_provider_reads_in_two_queries_whatever_the_number(week, categories, count, django_assert_num_queries):
    third = MemberFactory()
    for i in range(count):
        CooperationRequestFactory(
            member=third, services=[categories["colour"]], created_at=week.starts_at + dt.timedelta(minutes=i + 1)
        )
    window = Window(start=week.starts_at, end=week.ends_at, now=week.ends_at)

    with django_assert_num_queries(2):
        items = cooperation_items(window)

    assert len(items) == count
    assert items[0]["categories"] == [categories["colour"].pk]
