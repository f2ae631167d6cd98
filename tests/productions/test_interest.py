import pytest

from productions import services
from productions.models import LeadResponse
from tests.factories.productions import ProductionLeadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(categories):
    return ProductionLeadFactory(title_en="Night Train", services_needed=[categories["sound"]])


def test_interest_double_submit_leaves_one_row_and_one_notification(
    client, lead, firm, member_user, mailoutbox, django_capture_on_commit_callbacks, settings
):
    client.force_login(member_user)

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(f"/en/productions/{lead.pk}/interest/", {"member": firm.pk, "note": "We have a stage free"})
        second = client.post(
            f"/en/productions/{lead.pk}/interest/", {"member": firm.pk, "note": "We have a stage free"}
        )

    assert (first.status_code, second.status_code) == (302, 302)
    assert list(LeadResponse.objects.values_list("lead_id", "member_id", "user_id", "status", "note", "channel")) == [
        (lead.pk, firm.pk, member_user.pk, "interested", "We have a stage free", "site")
    ]
    assert [m.to for m in mailoutbox] == [[settings.COORDINATOR_EMAIL]]
    assert "Sound Studio Alpha" in mailoutbox[0].subject
    assert "We have a stage free" in mailoutbox[0].body


def test_interest_after_one_click_not_available_updates_the_same_row(lead, firm, member_user):
    services.lead_respond(
        lead=lead, member=firm, user=member_user, status="not_available", channel=LeadResponse.Channel.EMAIL
    )

    response, became_interested = services.lead_respond(
        lead=lead, member=firm, user=member_user, status="interested", note="Free after all"
    )

    assert became_interested is True
    assert LeadResponse.objects.count() == 1
    assert (response.status, response.note, response.channel) == ("interested", "Free after all", "site")


def test_withdraw_removes_the_answer_and_twice_is_harmless(client, lead, firm, member_user):
    services.lead_respond(lead=lead, member=firm, user=member_user, status="interested")
    client.force_login(member_user)

    first = client.post(f"/en/productions/{lead.pk}/interest/withdraw/", {"member": firm.pk})
    second = client.post(f"/en/productions/{lead.pk}/interest/withdraw/", {"member": firm.pk})

    assert (first.status_code, second.status_code) == (302, 302)
    assert LeadResponse.objects.count() == 0


def test_detail_shows_the_firms_answer_and_note(client, lead, firm, member_user):
    services.lead_respond(lead=lead, member=firm, user=member_user, status="interested", note="Call <Ola>")
    client.force_login(member_user)

    html = client.get(f"/en/productions/{lead.pk}/").content.decode()

    assert "Update our note" in html
    assert "Call &lt;Ola&gt;" in html
    assert "Call <Ola>" not in html


def test_interest_for_a_firm_of_another_user_is_refused(client, lead, other_firm, member_user):
    client.force_login(member_user)

    response = client.post(f"/en/productions/{lead.pk}/interest/", {"member": other_firm.pk})

    assert response.status_code == 403
    assert LeadResponse.objects.count() == 0


def test_coordinator_hears_of_interest_and_questions_but_not_of_refusals(
    lead, firm, other_firm, member_user, other_user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.lead_respond(lead=lead, member=firm, user=member_user, status="not_available")
        services.lead_respond(lead=lead, member=other_firm, user=other_user, status="need_info")
        services.lead_respond(lead=lead, member=other_firm, user=other_user, status="need_info")
        services.lead_respond(lead=lead, member=firm, user=member_user, status="interested")

    # Coordinator emails are in the portal's default language (Polish): compare names only.
    names = ["Catering Beta", "Sound Studio Alpha"]
    assert [[name for name in names if name in m.subject] for m in mailoutbox] == [
        ["Catering Beta"],
        ["Sound Studio Alpha"],
    ]


@pytest.mark.parametrize("stage", ["in_talks", "contracted"])
def test_updating_the_note_keeps_a_stage_the_office_recorded(client, lead, firm, member_user, mailoutbox, stage):
    services.lead_respond(
        lead=lead, member=firm, user=None, status=stage, note="Old note", channel=LeadResponse.Channel.OFFICE
    )
    client.force_login(member_user)

    response = client.post(f"/en/productions/{lead.pk}/interest/", {"member": firm.pk, "note": "New note"})

    assert response.status_code == 302
    assert list(LeadResponse.objects.values_list("status", "note", "channel", "user_id")) == [
        (stage, "New note", "office", member_user.pk)
    ]


def test_one_click_interested_keeps_a_contract(lead, firm, member_user):
    services.lead_respond(lead=lead, member=firm, user=None, status="contracted", channel="office")

    response, became_interested = services.lead_respond(
        lead=lead, member=firm, user=member_user, status="interested", channel=LeadResponse.Channel.EMAIL
    )

    assert (response.status, response.channel, became_interested) == ("contracted", "office", False)


def test_a_firm_cannot_withdraw_a_contract_the_office_recorded(client, lead, firm, member_user):
    services.lead_respond(lead=lead, member=firm, user=None, status="contracted", channel="office")
    client.force_login(member_user)

    page = client.get(f"/en/productions/{lead.pk}/")
    response = client.post(f"/en/productions/{lead.pk}/interest/withdraw/", {"member": firm.pk}, follow=True)

    assert f'action="/en/productions/{lead.pk}/interest/withdraw/"' not in page.content.decode()
    assert list(LeadResponse.objects.values_list("status", flat=True)) == ["contracted"]
    assert [str(m) for m in response.context["messages"]] == [
        "The cluster office has recorded a contract with Sound Studio Alpha; please ask the office to change it."
    ]


def test_a_firm_in_talks_can_still_withdraw(client, lead, firm, member_user):
    services.lead_respond(lead=lead, member=firm, user=None, status="in_talks", channel="office")
    client.force_login(member_user)

    response = client.post(f"/en/productions/{lead.pk}/interest/withdraw/", {"member": firm.pk})

    assert response.status_code == 302
    assert LeadResponse.objects.count() == 0


def test_refused_note_is_shown_again_as_typed_with_the_error_next_to_it(client, lead, firm, member_user):
    typed = "<b>Two stages</b>\r\n" + "x" * 2000
    client.force_login(member_user)

    response = client.post(f"/en/productions/{lead.pk}/interest/", {"member": firm.pk, "note": typed})

    html = response.content.decode()
    assert response.status_code == 200
    assert LeadResponse.objects.count() == 0
    assert f'aria-describedby="note-{firm.pk}-errors">&lt;b&gt;Two stages&lt;/b&gt;\r\n{"x" * 2000}</textarea>' in html
    assert f'<ul class="errorlist" id="note-{firm.pk}-errors">' in html
    assert "Ensure this value has at most 2000 characters" in html


@pytest.mark.parametrize("action", ["interest", "interest/withdraw"])
def test_a_draft_cannot_be_answered_even_by_a_coordinator_of_a_firm(client, categories, firm, action):
    from tests.factories.accounts import CoordinatorFactory, MembershipFactory
    from tests.factories.productions import DraftLeadFactory

    draft = DraftLeadFactory(services_needed=[categories["sound"]])
    coordinator_with_firm = MembershipFactory(member=firm, user=CoordinatorFactory()).user
    LeadResponse.objects.create(lead=draft, member=firm, status="need_info", note="Placed by the office")
    client.force_login(coordinator_with_firm)

    response = client.post(f"/en/productions/{draft.pk}/{action}/", {"member": firm.pk, "note": "Too early"})

    assert response.status_code == 404
    assert list(LeadResponse.objects.values_list("status", "note")) == [("need_info", "Placed by the office")]
