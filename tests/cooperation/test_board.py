"""The requests board and a request's page: filters, thread ordering, query budgets."""

import datetime as dt

import pytest
from django.utils import timezone

from cooperation import selectors, services
from cooperation.models import CooperationRequest
from tests.factories.cooperation import CooperationRequestFactory, RequestAnswerFactory, RequestMessageFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db
K = CooperationRequest.Kind


def _titles(response) -> list[str]:
    return [r.title for r in response.context["requests"]]


def test_board_opens_on_open_requests_newest_first(client, helper, firm, other_firm):
    now = timezone.now()
    CooperationRequestFactory(member=firm, title_en="Old open", created_at=now - dt.timedelta(days=3))
    CooperationRequestFactory(member=firm, title_en="New open", created_at=now - dt.timedelta(hours=1))
    CooperationRequestFactory(member=firm, title_en="Matched one", status="matched")
    CooperationRequestFactory(
        member=firm, title_en="Past its date", respond_by=timezone.localdate() - dt.timedelta(days=1)
    )
    client.force_login(helper)

    assert _titles(client.get("/en/cooperation/")) == ["New open", "Old open"]
    assert sorted(_titles(client.get("/en/cooperation/", {"state": "closed"}))) == ["Matched one", "Past its date"]
    assert len(_titles(client.get("/en/cooperation/", {"state": ""}))) == 4


def test_board_filters_by_kind_and_by_service_with_its_area(client, helper, firm, categories):
    CooperationRequestFactory(member=firm, title_en="Sound crew", kind=K.CREW, services=[categories["sound"]])
    CooperationRequestFactory(member=firm, title_en="Free stage", kind=K.CAPACITY, services=[categories["catering"]])
    CooperationRequestFactory(member=firm, title_en="Any post", kind=K.PARTNER, services=[categories["post"]])
    client.force_login(helper)

    assert _titles(client.get("/en/cooperation/", {"kind": "capacity"})) == ["Free stage"]
    # A top-level area stands for itself and all its services.
    by_area = client.get("/en/cooperation/", {"service": categories["post"].pk})
    assert sorted(_titles(by_area)) == ["Any post", "Sound crew"]
    assert _titles(client.get("/en/cooperation/", {"service": categories["sound"].pk})) == ["Sound crew"]


def test_matches_my_firm_finds_requests_naming_its_services_or_their_area_but_not_its_own(
    client, helper, firm, other_firm, categories
):
    third = MemberFactory(name="Third")
    CooperationRequestFactory(member=third, title_en="Needs colour", services=[categories["colour"]])
    CooperationRequestFactory(member=third, title_en="Needs post", services=[categories["post"]])
    CooperationRequestFactory(member=third, title_en="Needs sound", services=[categories["sound"]])
    CooperationRequestFactory(member=other_firm, title_en="Our own colour", services=[categories["colour"]])
    client.force_login(helper)  # Colour Beta: colour grading and catering

    response = client.get("/en/cooperation/", {"matching": "on"})

    assert sorted(_titles(response)) == ["Needs colour", "Needs post"]


def test_own_firm_filter_lists_the_firms_requests_in_every_state(client, author, firm, other_firm):
    CooperationRequestFactory(member=firm, title_en="Ours open")
    CooperationRequestFactory(member=firm, title_en="Ours closed", status="closed")
    CooperationRequestFactory(member=other_firm, title_en="Theirs")
    client.force_login(author)

    assert sorted(_titles(client.get("/en/cooperation/", {"state": "mine"}))) == ["Ours closed", "Ours open"]


def test_hidden_requests_are_left_off_the_board_for_other_members(client, helper, author, firm, coordinator):
    hidden = CooperationRequestFactory(member=firm, title_en="Hidden one")
    CooperationRequestFactory(member=firm, title_en="Shown one")
    services.hide(obj=hidden, user=coordinator, reason="Spam")

    client.force_login(helper)
    assert _titles(client.get("/en/cooperation/")) == ["Shown one"]
    client.force_login(author)
    assert sorted(_titles(client.get("/en/cooperation/"))) == ["Hidden one", "Shown one"]


def test_board_shows_the_request_in_the_readers_language_with_fallback(client, helper, firm):
    CooperationRequestFactory(member=firm, title_pl="Tylko po polsku", title_en=None, body_en=None)
    client.force_login(helper)

    assert "Tylko po polsku" in client.get("/en/cooperation/").content.decode()


# --- Threads ----------------------------------------------------------------------------


def test_thread_lists_questions_as_asked_with_their_replies_in_the_order_written(request_obj, firm, other_firm, helper):
    start = timezone.now() - dt.timedelta(hours=10)

    def at(hours):
        return start + dt.timedelta(hours=hours)

    first = RequestMessageFactory(request=request_obj, member=other_firm, body="First question", created_at=at(1))
    second = RequestMessageFactory(request=request_obj, member=other_firm, body="Second question", created_at=at(2))
    RequestMessageFactory(request=request_obj, parent=second, member=firm, body="Reply to second", created_at=at(3))
    RequestMessageFactory(request=request_obj, parent=first, member=firm, body="Late reply to first", created_at=at(5))
    RequestMessageFactory(request=request_obj, parent=first, member=other_firm, body="Reply to first", created_at=at(4))
    # Same moment: the one written first (lower id) comes first.
    RequestMessageFactory(request=request_obj, parent=second, member=firm, body="Tie A", created_at=at(6))
    RequestMessageFactory(request=request_obj, parent=second, member=firm, body="Tie B", created_at=at(6))

    threads = selectors.thread(request=request_obj, user=helper, firm_ids=[other_firm.pk])

    assert [(t.question.body, [r.body for r in t.replies]) for t in threads] == [
        ("First question", ["Reply to first", "Late reply to first"]),
        ("Second question", ["Reply to second", "Tie A", "Tie B"]),
    ]


def test_a_reply_to_a_reply_joins_the_thread_of_its_question(request_obj, firm, other_firm, helper, author):
    question = services.message_post(request=request_obj, user=helper, member=other_firm, body="Question?")
    reply = services.message_post(request=request_obj, user=author, member=firm, body="Answer.", parent=question)
    deeper = services.message_post(request=request_obj, user=helper, member=other_firm, body="Thanks.", parent=reply)

    assert deeper.parent_id == question.pk
    threads = selectors.thread(request=request_obj, user=helper, firm_ids=[other_firm.pk])
    assert [r.body for r in threads[0].replies] == ["Answer.", "Thanks."]


def test_request_page_shows_the_thread_in_order_and_a_hidden_reply_as_a_notice(
    client, request_obj, firm, other_firm, helper, coordinator
):
    start = timezone.now() - dt.timedelta(hours=5)
    question = RequestMessageFactory(request=request_obj, member=other_firm, body="Q one", created_at=start)
    rude = RequestMessageFactory(
        request=request_obj, parent=question, member=firm, body="Rude words", created_at=start + dt.timedelta(hours=1)
    )
    RequestMessageFactory(
        request=request_obj,
        parent=question,
        member=other_firm,
        body="Kind words",
        created_at=start + dt.timedelta(hours=2),
    )
    services.hide(obj=rude, user=coordinator, reason="Insults")
    client.force_login(helper)

    html = client.get(f"/en/cooperation/{request_obj.pk}/").content.decode()

    assert html.index("Q one") < html.index("Hidden by the cluster office.") < html.index("Kind words")
    assert "Rude words" not in html
    assert "Insults" not in html


# --- Query budgets ------------------------------------------------------------------------


def _fill_board(count, firm, other_firm, categories, tender):
    for i in range(count):
        request = CooperationRequestFactory(
            member=firm if i % 2 else other_firm,
            services=[categories["sound"], categories["colour"]],
            call=tender if i % 3 == 0 else None,
        )
        if i % 2:
            RequestAnswerFactory(request=request, member=other_firm)
        RequestMessageFactory(request=request, member=other_firm)


@pytest.mark.parametrize("count", [5, 50])
def test_board_query_count_does_not_grow_with_requests(
    client, helper, firm, other_firm, categories, tender, count, django_assert_num_queries
):
    _fill_board(count, firm, other_firm, categories, tender)
    client.force_login(helper)

    # user (the session is in the cache), membership check, the user's firms, their
    # categories, count, page, the page's services, the service filter's choices
    with django_assert_num_queries(9):
        response = client.get("/en/cooperation/", {"matching": "", "kind": "partner", "state": "open"})

    assert response.status_code == 200
    assert len(response.context["requests"]) == min(count, 20)


def _fill_thread(request_obj, count, firm, other_firm, helper, author):
    start = timezone.now() - dt.timedelta(days=1)
    questions = []
    for i in range(count):
        at = start + dt.timedelta(minutes=i)
        if i % 3 == 0 or not questions:
            questions.append(
                RequestMessageFactory(request=request_obj, member=other_firm, written_by=helper, created_at=at)
            )
        else:
            RequestMessageFactory(
                request=request_obj, parent=questions[-1], member=firm, written_by=author, created_at=at
            )
    for i in range(count // 5):
        RequestAnswerFactory(request=request_obj, member=MemberFactory(name=f"Helper {count}-{i}"))


@pytest.mark.parametrize("role", ["helper", "author"])
@pytest.mark.parametrize("count", [5, 50])
def test_request_page_query_count_does_not_grow_with_messages(
    client, request_obj, firm, other_firm, helper, author, count, role, django_assert_num_queries
):
    _fill_thread(request_obj, count, firm, other_firm, helper, author)
    client.force_login(helper if role == "helper" else author)

    # user (the session is in the cache), membership check, the user's firms, their
    # categories, the request with its counts, its services, its matched firms, the
    # answers the reader may read, the messages with their firms and writers
    with django_assert_num_queries(10):
        response = client.get(f"/en/cooperation/{request_obj.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert sum(len(t.replies) + 1 for t in response.context["threads"]) == count
    assert html.count('class="coop-message') == count


def test_requests_of_a_suspended_firm_leave_the_board_but_stay_for_the_coordinator(
    client, helper, coordinator, categories
):
    gone = MemberFactory(name="Suspended Firm", status="suspended")
    request = CooperationRequestFactory(member=gone, title_en="From a suspended firm")

    client.force_login(helper)
    assert _titles(client.get("/en/cooperation/")) == []
    assert client.get(f"/en/cooperation/{request.pk}/").status_code == 404
    client.force_login(coordinator)
    assert _titles(client.get("/en/cooperation/")) == ["From a suspended firm"]
