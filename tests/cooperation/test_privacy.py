"""The cooperation area in the data export and the erasure: everything a person wrote
or chose is in their copy; deleting them keeps the firm's posts, without the person."""

import json

import pytest

from accounts import privacy
from cooperation import services
from cooperation.models import (
    CallParticipation,
    CooperationPreference,
    CooperationRequest,
    LeadTeamOptIn,
    RequestAnswer,
    RequestFollow,
    RequestMessage,
    RequestReport,
)
from productions.models import LeadResponse
from tests.factories.cooperation import CooperationRequestFactory
from tests.factories.productions import ProductionLeadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(firm, author, other_firm, helper, tender, coordinator):
    """The author's request with the helper's answer, a thread, a follow, a report, a
    mark on a call, a team opt-in and a preference of the helper's."""
    request = CooperationRequestFactory(member=firm, posted_by=author, title_en="Alpha needs colour")
    services.answer_submit(request=request, member=other_firm, user=helper, note="Beta offers colour")
    question = services.message_post(request=request, user=helper, member=other_firm, body="Beta asks when")
    services.message_post(request=request, user=author, member=firm, body="Alpha answers May", parent=question)
    services.report_submit(request=CooperationRequestFactory(member=firm), user=helper, reason="Beta reports spam")
    services.call_mark(call=tender, member=other_firm, user=helper, status="applying", seeks_partners=True)
    lead = ProductionLeadFactory()
    LeadResponse.objects.create(lead=lead, member=firm)
    LeadResponse.objects.create(lead=lead, member=other_firm)
    services.team_join(lead=lead, member=other_firm, user=helper)
    services.preference_update(user=helper, instant_request_alerts=True)
    services.hide(obj=question, user=coordinator, reason="Moderator's words")
    return request


def test_export_holds_what_the_person_wrote_and_chose_in_the_area(activity, helper):
    data = json.loads(privacy.user_data_export_json(helper))["related_records"]

    assert [r["note"] for r in data["cooperation.RequestAnswer"]] == ["Beta offers colour"]
    assert [r["body"] for r in data["cooperation.RequestMessage"]] == ["Beta asks when"]
    assert [r["reason"] for r in data["cooperation.RequestReport"]] == ["Beta reports spam"]
    assert len(data["cooperation.RequestFollow"]) == 1  # writing in a thread follows the request
    assert len(data["cooperation.LeadTeamOptIn"]) == 1
    assert data["cooperation.CooperationPreference"][0]["instant_request_alerts"] is True
    assert "cooperation.CooperationRequest" not in data  # the helper posted none
    assert "Alpha answers May" not in json.dumps(data)  # somebody else's reply


def test_export_of_the_coordinator_leaves_out_what_they_hid(activity, coordinator):
    data = json.loads(privacy.user_data_export_json(coordinator))["related_records"]

    assert "cooperation.RequestMessage" not in data


def test_export_of_the_author_holds_their_request(activity, author):
    data = json.loads(privacy.user_data_export_json(author))["related_records"]

    assert [r["title_en"] for r in data["cooperation.CooperationRequest"]] == ["Alpha needs colour"]


def test_erasure_keeps_the_firms_posts_without_the_person(activity, author, helper, firm, other_firm):
    privacy.user_delete(user=helper)
    privacy.user_delete(user=author)

    request = CooperationRequest.objects.get(title_en="Alpha needs colour")
    assert (request.member, request.posted_by) == (firm, None)
    answer = RequestAnswer.objects.get()
    assert (answer.member, answer.posted_by, answer.note) == (other_firm, None, "Beta offers colour")
    assert sorted(RequestMessage.objects.values_list("body", "member__name", "written_by")) == [
        ("Alpha answers May", "Sound Studio Alpha", None),
        ("Beta asks when", "Colour Beta", None),
    ]
    assert RequestReport.objects.get().reported_by is None
    assert LeadTeamOptIn.objects.get().user is None  # the firm stays in the team
    assert CallParticipation.objects.get().updated_by is None
    assert not RequestFollow.objects.exists()
    assert not CooperationPreference.objects.exists()


def test_a_request_of_an_erased_author_reads_as_a_former_users(client, activity, author, helper):
    privacy.user_delete(user=author)
    client.force_login(helper)

    html = client.get(f"/en/cooperation/{activity.pk}/").content.decode()

    assert "a former user" in html
    assert "Ada Alpha" not in html
