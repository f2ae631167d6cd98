"""Per-recipient assembly from shared content: no database needed."""

import datetime as dt

from digests.content import Recipient, assemble, summarise
from digests.models import Frequency
from digests.periods import period_from_key

PERIOD = period_from_key(Frequency.WEEKLY, dt.date(2026, 11, 16))
INSIDE = PERIOD.starts_at + dt.timedelta(days=2)
BEFORE = PERIOD.starts_at - dt.timedelta(days=3)


def item(key, *, at=INSIDE, categories=()):
    return {
        "id": key,
        "title": key,
        "url": f"http://testserver/{key}",
        "meta": "",
        "t": at.timestamp() if at else None,
        "categories": list(categories),
    }


def content(**sections):
    return {
        "sections": {
            key: {"title": key, "url": "http://testserver/", "items": items} for key, items in sections.items()
        }
    }


def recipient(**fields):
    defaults = {"user_id": 1, "email": "a@example.org", "name": "A", "language": "en",
                "sections": ["leads", "news", "events", "calls", "members"]}  # fmt: skip
    return Recipient(**{**defaults, **fields})


def test_assemble_puts_matching_leads_first_and_marks_them():
    shared = content(
        leads=[item("lead-a", categories=[1]), item("lead-b", categories=[7]), item("lead-c", categories=[])]
    )

    sections = assemble(shared, recipient(firm_categories={7}), PERIOD)

    assert [(i["id"], i["matches"]) for i in sections[0]["items"]] == [
        ("lead-b", True), ("lead-a", False), ("lead-c", False),
    ]  # fmt: skip


def test_assemble_leaves_out_sections_the_recipient_did_not_choose():
    shared = content(news=[item("news-1")], members=[item("member-1")])

    sections = assemble(shared, recipient(sections=["members"]), PERIOD)

    assert [s["key"] for s in sections] == ["members"]


def test_assemble_is_empty_when_nothing_is_new_since_the_previous_digest():
    shared = content(news=[item("news-old", at=BEFORE)])

    assert assemble(shared, recipient(), PERIOD) == []


def test_assemble_counts_from_the_previous_digest_when_it_ended_later():
    # A daily digest that already covered the first three days of the week.
    shared = content(news=[item("news-early", at=INSIDE), item("news-late", at=INSIDE + dt.timedelta(days=2))])

    sections = assemble(shared, recipient(previous_end=dt.date(2026, 11, 19)), PERIOD)

    assert [i["id"] for i in sections[0]["items"]] == ["news-late"]


def test_assemble_keeps_reminders_whatever_the_previous_digest():
    shared = content(events=[item("event-1", at=None)])

    sections = assemble(shared, recipient(previous_end=dt.date(2026, 11, 23)), PERIOD)

    assert [i["id"] for i in sections[0]["items"]] == ["event-1"]


def test_assemble_caps_items_and_counts_the_rest():
    shared = content(news=[item(f"news-{n}") for n in range(13)])

    sections = assemble(shared, recipient(), PERIOD)

    assert (len(sections[0]["items"]), sections[0]["more"]) == (10, 3)
    assert summarise(sections)["news"]["count"] == 13
