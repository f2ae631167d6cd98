"""Posting and writing: bad input comes back next to its field with what was typed,
nothing a member writes is rendered unescaped, double posts count once, and a user
over their posting budget is refused with 429."""

import datetime as dt

import pytest
from django.utils import timezone

from cooperation.models import CooperationRequest, RequestMessage
from tests.factories.accounts import MembershipFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db


def _form(firm, **overrides):
    data = {
        "member": firm.pk,
        "kind": "partner",
        "title_en": "Looking for a sound post-production partner for a tender",
        "body_en": "Details at https://example.org/tender and <b>bold</b> <script>alert(1)</script>",
        "title_pl": "",
        "body_pl": "",
    }
    data.update(overrides)
    return data


def test_posting_a_request_in_one_language_with_a_call(client, author, firm, tender, categories):
    client.force_login(author)

    response = client.post(
        "/en/cooperation/new/", _form(firm, call=tender.pk, services=[categories["sound"].pk], respond_by="")
    )

    request = CooperationRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/cooperation/{request.pk}/"
    assert (request.language, request.title_en, request.title_pl, request.call) == (
        "en",
        "Looking for a sound post-production partner for a tender",
        None,
        tender,
    )
    assert list(request.services.all()) == [categories["sound"]]
    assert request.follows.get().user == author


def test_a_request_is_rendered_as_plain_text_with_links(client, author, firm, helper):
    client.force_login(author)
    client.post("/en/cooperation/new/", _form(firm))
    request = CooperationRequest.objects.get()
    client.force_login(helper)

    html = client.get(f"/en/cooperation/{request.pk}/").content.decode()

    assert '<a href="https://example.org/tender" rel="nofollow ugc noopener noreferrer">' in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_the_polish_page_reads_the_english_request_when_no_translation(client, author, firm, helper):
    client.force_login(author)
    client.post("/en/cooperation/new/", _form(firm))
    request = CooperationRequest.objects.get()
    client.force_login(helper)

    html = client.get(f"/pl/cooperation/{request.pk}/").content.decode()

    assert "Looking for a sound post-production partner for a tender" in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title_en": "", "body_en": ""}, "title_en", "Write a title and a text in at least one language."),
        ({"body_en": ""}, "body_en", "Write the text that goes with this title."),
        ({"title_pl": "", "body_pl": "Tylko tekst"}, "title_pl", "Give this text a title."),
        ({"starts_on": "2030-05-10", "ends_on": "2030-05-01"}, "ends_on", "The end cannot come before the start."),
        ({"respond_by": "2020-01-01"}, "respond_by", "This date has passed."),
        ({"title_en": "x" * 201}, "title_en", "Ensure this value has at most 200 characters (it has 201)."),
        ({"kind": "bogus"}, "kind", "Select a valid choice. bogus is not one of the available choices."),
    ],
)
def test_bad_request_input_is_shown_next_to_its_field_and_nothing_is_lost(
    client, author, firm, overrides, field, message
):
    client.force_login(author)
    data = _form(firm, **overrides)

    response = client.post("/en/cooperation/new/", data)

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or overrides.get("body_en") == ""
    assert CooperationRequest.objects.count() == 0


def test_a_user_of_several_firms_chooses_one_of_them(client, author, firm):
    second = MemberFactory(name="Second Firm")
    MembershipFactory(member=second, user=author)
    client.force_login(author)

    page = client.get("/en/cooperation/new/").content.decode()
    client.post("/en/cooperation/new/", _form(second))

    assert f'<option value="{second.pk}">Second Firm</option>' in page
    assert CooperationRequest.objects.get().member == second


def test_a_double_click_posts_one_request(client, author, firm):
    client.force_login(author)

    client.post("/en/cooperation/new/", _form(firm))
    again = client.post("/en/cooperation/new/", _form(firm))

    assert again.status_code == 302
    assert CooperationRequest.objects.count() == 1


def test_posting_requests_is_rate_limited_per_user(client, author, firm, settings):
    settings.COOPERATION_REQUEST_RATE = "2/h"
    client.force_login(author)
    for i in range(2):
        assert client.post("/en/cooperation/new/", _form(firm, title_en=f"Need {i}")).status_code == 302

    response = client.post("/en/cooperation/new/", _form(firm, title_en="One too many"))

    assert response.status_code == 429
    assert "You have posted many requests in a short time." in response.content.decode()
    assert 'value="One too many"' in response.content.decode()
    assert CooperationRequest.objects.count() == 2


def test_messages_are_rate_limited_per_user_and_the_text_is_kept(client, request_obj, helper, settings):
    settings.COOPERATION_MESSAGE_RATE = "1/h"
    client.force_login(helper)
    client.post(f"/en/cooperation/{request_obj.pk}/messages/", {"body": "First?"})

    response = client.post(f"/en/cooperation/{request_obj.pk}/messages/", {"body": "Second, typed with care?"})

    assert response.status_code == 429
    assert "Second, typed with care?" in response.content.decode()
    assert list(RequestMessage.objects.values_list("body", flat=True)) == ["First?"]


def test_a_too_long_reply_comes_back_in_its_thread_with_the_text(client, request_obj, other_firm, helper):
    question = RequestMessage.objects.create(request=request_obj, member=other_firm, body="Q?")
    client.force_login(helper)
    long_text = "a" * 2500

    response = client.post(f"/en/cooperation/{request_obj.pk}/messages/", {"body": long_text, "parent": question.pk})

    assert response.status_code == 200
    thread = response.context["threads"][0]
    assert thread.form.errors["body"] == ["Ensure this value has at most 2000 characters (it has 2500)."]
    assert "Ensure this value has at most 2000 characters (it has 2500)." in response.content.decode()
    assert RequestMessage.objects.count() == 1


def test_an_empty_we_can_help_note_is_refused_next_to_the_field(client, request_obj, helper):
    client.force_login(helper)

    response = client.post(f"/en/cooperation/{request_obj.pk}/answer/", {"member": helper.memberships.get().member_id})

    assert response.status_code == 200
    assert response.context["answer_form"].errors["note"] == ["This field is required."]


def test_a_request_past_its_date_takes_no_answers(client, request_obj, helper):
    CooperationRequest.objects.filter(pk=request_obj.pk).update(respond_by=timezone.localdate() - dt.timedelta(days=1))
    client.force_login(helper)

    client.post(
        f"/en/cooperation/{request_obj.pk}/answer/", {"member": helper.memberships.get().member_id, "note": "Late"}
    )

    assert not request_obj.answers.exists()


def test_editing_keeps_a_past_answer_date_and_replaces_the_texts(client, request_obj, author, firm):
    CooperationRequest.objects.filter(pk=request_obj.pk).update(respond_by=dt.date(2020, 1, 1))
    client.force_login(author)

    response = client.post(
        f"/en/cooperation/{request_obj.pk}/edit/",
        _form(
            firm, title_en="Edited", body_en="New text", title_pl="Zmienione", body_pl="Nowy", respond_by="2020-01-01"
        ),
    )

    assert response.status_code == 302
    request_obj.refresh_from_db()
    assert (request_obj.title_en, request_obj.title_pl, request_obj.body_pl) == ("Edited", "Zmienione", "Nowy")
