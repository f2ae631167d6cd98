"""Who is emailed when: new requests (instant alerts for those who chose them),
answers, questions and replies, outcomes, hiding; every message in the recipient's
language, multipart, with the settings link and a one-click unsubscribe."""

import re

import pytest
from django.core import mail

from cooperation import services
from cooperation.models import CallParticipation, CooperationPreference, CooperationRequest
from members.models import Member
from tests.factories.accounts import MembershipFactory
from tests.factories.cooperation import CooperationRequestFactory, RequestAnswerFactory
from tests.factories.members import MemberFactory, MemberServiceFactory

pytestmark = pytest.mark.django_db


def _links(message) -> dict:
    return {
        "settings": re.search(r"Cooperation email settings: (\S+)", message.body).group(1),
        "unsubscribe": re.search(r"Unsubscribe from these emails: (\S+)", message.body).group(1),
    }


def _post(firm, author, categories, capture, **fields):
    with capture(execute=True):
        return services.request_create(
            member=firm,
            user=author,
            fields={"kind": "partner", "starts_on": None, "ends_on": None, "respond_by": None, "call": None,
                    "lead": None, **fields},
            texts={"en": {"title": "Need a colourist", "body": "For a feature. See https://example.org/brief"}},
            services=[categories["colour"]],
            language="en",
        )  # fmt: skip


def test_a_new_request_alerts_at_once_only_users_who_chose_it_and_whose_firm_offers_the_service(
    firm, author, other_firm, helper, categories, mailoutbox, django_capture_on_commit_callbacks
):
    CooperationPreference.objects.create(user=helper, instant_request_alerts=True)
    quiet = MembershipFactory(member=other_firm, user__email="quiet@example.org").user  # default: off
    polish = MembershipFactory(member=other_firm, user__email="pl@example.org", user__preferred_language="pl").user
    CooperationPreference.objects.create(user=polish, instant_request_alerts=True)
    # Offers only the area above colour grading: the request asks for something precise.
    broad = MemberFactory(name="Broad Post")
    MemberServiceFactory(member=broad, category=categories["post"])
    broad_user = MembershipFactory(member=broad, user__email="broad@example.org").user
    CooperationPreference.objects.create(user=broad_user, instant_request_alerts=True)
    CooperationPreference.objects.create(user=author, instant_request_alerts=True)  # own firm: never

    request = _post(firm, author, categories, django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mailoutbox) == sorted([helper.email, polish.email])
    assert quiet.email not in [m.to[0] for m in mailoutbox]
    english = next(m for m in mailoutbox if m.to == [helper.email])
    assert english.subject == "New request for your services: Need a colourist"
    assert f"http://127.0.0.1:8000/en/cooperation/{request.pk}/" in english.body
    assert _links(english)["settings"] == "http://127.0.0.1:8000/en/cooperation/settings/"
    assert english.extra_headers["List-Unsubscribe"] == f"<{_links(english)['unsubscribe']}>"
    html = english.alternatives[0][0]
    assert '<a href="https://example.org/brief" rel="nofollow ugc noopener noreferrer">' in html
    polish_mail = next(m for m in mailoutbox if m.to == [polish.email])
    assert "/pl/cooperation/" in polish_mail.body
    request.refresh_from_db()
    assert request.alerted_at is not None


def test_the_alert_task_run_twice_alerts_once(firm, author, other_firm, helper, categories, mailoutbox):
    CooperationPreference.objects.create(user=helper, instant_request_alerts=True)
    request = CooperationRequestFactory(member=firm, services=[categories["colour"]], alerted_at=None)

    first = services.alert_new_request(request_id=request.pk)
    second = services.alert_new_request(request_id=request.pk)

    assert (first, second) == (1, 0)


def test_a_hidden_request_alerts_nobody(firm, other_firm, helper, categories, coordinator):
    CooperationPreference.objects.create(user=helper, instant_request_alerts=True)
    request = CooperationRequestFactory(member=firm, services=[categories["colour"]], alerted_at=None)
    services.hide(obj=request, user=coordinator, reason="Spam")

    assert services.alert_new_request(request_id=request.pk) == 0


def test_we_can_help_tells_the_author_at_once(
    request_obj, author, colleague, other_firm, helper, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _answer, created = services.answer_submit(
            request=request_obj, member=other_firm, user=helper, note="Two colourists free in May."
        )
        _again, created_again = services.answer_submit(
            request=request_obj, member=other_firm, user=helper, note="Updated note."
        )

    assert (created, created_again) == (True, False)
    assert [m.to for m in mailoutbox] == [[author.email]]
    assert mailoutbox[0].subject == "Colour Beta can help: Secret partner search"
    assert "Two colourists free in May." in mailoutbox[0].body
    assert request_obj.answers.get().note == "Updated note."


def test_a_firm_cannot_answer_its_own_request_or_a_closed_one(request_obj, firm, author, other_firm, helper):
    with pytest.raises(services.NotAllowed):
        services.answer_submit(request=request_obj, member=firm, user=author, note="Us")
    CooperationRequest.objects.filter(pk=request_obj.pk).update(status="closed")
    request_obj.refresh_from_db()
    with pytest.raises(services.NotAllowed):
        services.answer_submit(request=request_obj, member=other_firm, user=helper, note="Late")


def test_a_question_tells_the_author_and_followers_and_a_reply_the_thread(
    request_obj, firm, author, other_firm, helper, mailoutbox, django_capture_on_commit_callbacks
):
    follower = MembershipFactory(member=MemberFactory(name="Follower Firm"), user__email="follow@example.org").user
    services.follow(request=request_obj, user=follower)
    muted = MembershipFactory(member=MemberFactory(name="Muted Firm"), user__email="muted@example.org").user
    services.follow(request=request_obj, user=muted)
    CooperationPreference.objects.create(user=muted, reply_notifications=False)

    with django_capture_on_commit_callbacks(execute=True):
        question = services.message_post(request=request_obj, user=helper, member=other_firm, body="Which dates?")
    assert sorted(m.to[0] for m in mailoutbox) == sorted([author.email, follower.email])
    assert mailoutbox[0].subject == "New question: Secret partner search"

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.message_post(request=request_obj, user=author, member=firm, body="May.", parent=question)
    # The asker (who now follows), the follower; never the writer.
    assert sorted(m.to[0] for m in mailoutbox) == sorted([helper.email, follower.email])
    assert all(m.subject == "New reply: Secret partner search" for m in mailoutbox)
    assert f"#message-{question.pk + 1}" in mailoutbox[0].body


def test_matching_tells_followers_and_answering_firms_and_marks_both_firms_applying_on_the_call(
    request_obj, firm, author, other_firm, helper, tender, mailoutbox, django_capture_on_commit_callbacks
):
    RequestAnswerFactory(request=request_obj, member=other_firm, posted_by=helper)

    with django_capture_on_commit_callbacks(execute=True):
        services.request_set_status(
            request=request_obj, user=author, status="matched", matched_member_ids=[other_firm.pk]
        )

    request_obj.refresh_from_db()
    assert request_obj.status == "matched"
    assert list(request_obj.matched_members.all()) == [other_firm]
    assert sorted(tender.participations.values_list("member__name", "status")) == [
        ("Colour Beta", "applying"),
        ("Sound Studio Alpha", "applying"),
    ]
    assert [m.to for m in mailoutbox] == [[helper.email]]
    assert "Sound Studio Alpha found a match for" in mailoutbox[0].body


def test_a_match_never_moves_a_firm_back_on_the_call(request_obj, firm, author, other_firm, tender):
    CallParticipation.objects.create(call=tender, member=other_firm, status="submitted")
    RequestAnswerFactory(request=request_obj, member=other_firm)

    services.request_set_status(request=request_obj, user=author, status="matched", matched_member_ids=[other_firm.pk])

    assert dict(tender.participations.values_list("member__name", "status")) == {
        "Colour Beta": "submitted",
        "Sound Studio Alpha": "applying",
    }


def test_only_answering_firms_can_be_the_match(request_obj, author):
    stranger = MemberFactory(name="Never answered")

    services.request_set_status(request=request_obj, user=author, status="matched", matched_member_ids=[stranger.pk])

    assert list(request_obj.matched_members.all()) == []


def test_hiding_tells_the_author_why_in_their_language(
    request_obj, author, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    author.preferred_language = "pl"
    author.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.hide(obj=request_obj, user=coordinator, reason="To jest reklama, nie współpraca.")
        services.hide(obj=request_obj, user=coordinator, reason="Updated reason")

    assert [m.to for m in mailoutbox] == [[author.email]]
    assert "To jest reklama, nie współpraca." in mailoutbox[0].body
    assert "Tajne szukanie partnera" in mailoutbox[0].subject
    request_obj.refresh_from_db()
    assert request_obj.hidden_reason == "Updated reason"


def test_hiding_a_reply_of_an_erased_writer_tells_their_firm(
    request_obj, firm, other_firm, helper, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    message = services.message_post(request=request_obj, user=helper, member=other_firm, body="Spam")
    message.written_by = None
    message.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.hide(obj=message, user=coordinator, reason="Spam")

    assert [m.to for m in mailoutbox] == [[helper.email]]
    assert "The cluster office hid your message" in mailoutbox[0].subject


def test_a_report_tells_the_cluster_office_once(
    request_obj, helper, mailoutbox, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _report, first = services.report_submit(request=request_obj, user=helper, reason="Looks like spam")
        _same, again = services.report_submit(request=request_obj, user=helper, reason="Really spam")

    assert (first, again) == (True, False)
    assert [m.to for m in mailoutbox] == [[settings.COORDINATOR_EMAIL]]
    assert request_obj.reports.get().reason == "Really spam"


def test_nobody_of_a_suspended_firm_is_emailed(
    request_obj, firm, author, other_firm, helper, mailoutbox, django_capture_on_commit_callbacks
):
    Member.objects.filter(pk=firm.pk).update(status=Member.Status.SUSPENDED)

    with django_capture_on_commit_callbacks(execute=True):
        services.answer_submit(request=request_obj, member=other_firm, user=helper, note="Hi")

    assert mailoutbox == []


def test_one_click_unsubscribe_turns_off_only_that_kind_of_email(
    client, request_obj, author, other_firm, helper, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_submit(request=request_obj, member=other_firm, user=helper, note="Hi")
    url = _links(mailoutbox[0])["unsubscribe"].removeprefix("http://127.0.0.1:8000")

    page = client.get(url)
    assert "Turn off: Emails about answers to your requests and replies in your threads?" in page.content.decode()
    client.post(url)  # what a mail client sends for List-Unsubscribe-Post, without a CSRF token

    preference = CooperationPreference.objects.get(user=author)
    assert (preference.reply_notifications, preference.call_reminders) == (False, True)
