"""Permission matrix of the cooperation area: every view for an anonymous visitor, a
user of a suspended firm, a user of no firm, a member of another firm, the request's
author and the coordinator; and nothing of the area in any public page, feed, sitemap
or robots-allowed path."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from cooperation import emails, services
from cooperation.models import CallParticipation, CooperationRequest, LeadTeamOptIn, RequestAnswer, RequestFollow
from productions.models import LeadResponse
from tests.factories.cooperation import RequestAnswerFactory, RequestMessageFactory
from tests.factories.members import MemberFactory
from tests.factories.productions import ProductionLeadFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "suspended", "outsider", "other", "author", "coordinator"]
SECRET = "Members-only text about the tender."


@pytest.fixture
def as_role(client, suspended_user, outsider, helper, author, coordinator):
    users = {
        "suspended": suspended_user,
        "outsider": outsider,
        "other": helper,
        "author": author,
        "coordinator": coordinator,
    }

    def login(role):
        if role != "anonymous":
            client.force_login(users[role])
        return client

    return login


def _status(response):
    """302 to the login page reads as "login"; any other redirect as "done"."""
    if response.status_code == 302:
        return "login" if response["Location"].startswith("/accounts/login/") else "done"
    return response.status_code


MEMBERS = {"anonymous": "login", "suspended": 403, "outsider": 403, "other": 200, "author": 200, "coordinator": 200}


@pytest.mark.parametrize("role", ROLES)
def test_board_by_role(as_role, request_obj, role):
    response = as_role(role).get("/en/cooperation/")

    assert _status(response) == MEMBERS[role]
    assert ("Secret partner search" in response.content.decode()) is (MEMBERS[role] == 200)


@pytest.mark.parametrize("role", ROLES)
def test_request_page_by_role(as_role, request_obj, role):
    response = as_role(role).get(f"/en/cooperation/{request_obj.pk}/")

    assert _status(response) == MEMBERS[role]
    assert (SECRET in response.content.decode()) is (MEMBERS[role] == 200)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", "login"),
        ("suspended", 403),
        ("outsider", 403),
        ("other", 404),
        ("author", 200),
        ("coordinator", 200),
    ],
)
def test_hidden_request_is_seen_by_its_firm_and_the_coordinator_only(as_role, request_obj, coordinator, role, expected):
    services.hide(obj=request_obj, user=coordinator, reason="Off topic")

    response = as_role(role).get(f"/en/cooperation/{request_obj.pk}/")

    assert _status(response) == expected
    if expected == 200:
        assert "Hidden by the cluster office." in response.content.decode()


NEW_REQUEST = {**MEMBERS, "coordinator": 403}  # the office posts for no firm


@pytest.mark.parametrize("role", ROLES)
def test_new_request_page_by_role(as_role, role):
    response = as_role(role).get("/en/cooperation/new/")

    assert _status(response) == NEW_REQUEST[role]


EDIT = {"anonymous": "login", "suspended": 403, "outsider": 403, "other": 403, "author": 200, "coordinator": 403}


@pytest.mark.parametrize("role", ROLES)
def test_edit_page_by_role(as_role, request_obj, role):
    response = as_role(role).get(f"/en/cooperation/{request_obj.pk}/edit/")

    assert _status(response) == EDIT[role]


def test_a_colleague_of_the_author_manages_the_firms_request(client, request_obj, colleague):
    client.force_login(colleague)

    assert client.get(f"/en/cooperation/{request_obj.pk}/edit/").status_code == 200
    response = client.post(f"/en/cooperation/{request_obj.pk}/status/", {"status": "closed"})

    assert _status(response) == "done"
    request_obj.refresh_from_db()
    assert request_obj.status == CooperationRequest.Status.CLOSED


@pytest.mark.parametrize("role", ROLES)
def test_own_calls_and_email_settings_by_role(as_role, role):
    client = as_role(role)

    assert _status(client.get("/en/cooperation/calls/")) == MEMBERS[role]
    assert _status(client.get("/en/cooperation/settings/")) == MEMBERS[role]


STATUS = {"anonymous": "login", "suspended": 403, "outsider": 403, "other": 403, "author": "done", "coordinator": 403}


@pytest.mark.parametrize("role", ROLES)
def test_marking_a_request_closed_by_role(as_role, request_obj, role):
    response = as_role(role).post(f"/en/cooperation/{request_obj.pk}/status/", {"status": "closed"})

    assert _status(response) == STATUS[role]
    request_obj.refresh_from_db()
    assert (request_obj.status == "closed") is (STATUS[role] == "done")


# The requesting firm does not answer itself; the office answers for no firm.
ANSWER = {"anonymous": "login", "suspended": 403, "outsider": 403, "other": "done", "author": 403, "coordinator": 403}


@pytest.mark.parametrize("role", ROLES)
def test_we_can_help_by_role(as_role, request_obj, other_firm, firm, role):
    member = firm if role == "author" else other_firm
    response = as_role(role).post(f"/en/cooperation/{request_obj.pk}/answer/", {"member": member.pk, "note": "Yes"})

    assert _status(response) == ANSWER[role]
    assert RequestAnswer.objects.filter(request=request_obj).count() == (1 if ANSWER[role] == "done" else 0)


def test_answering_for_a_firm_the_user_does_not_belong_to_is_refused(client, request_obj, helper, categories):
    stranger_firm = MemberFactory(name="Not Yours")
    client.force_login(helper)

    response = client.post(f"/en/cooperation/{request_obj.pk}/answer/", {"member": stranger_firm.pk, "note": "Yes"})

    assert response.status_code == 403
    assert RequestAnswer.objects.count() == 0


@pytest.mark.parametrize("role", ROLES)
def test_withdrawing_an_answer_by_role(as_role, request_obj, other_firm, role):
    RequestAnswerFactory(request=request_obj, member=other_firm)
    expected = {**ANSWER}
    response = as_role(role).post(f"/en/cooperation/{request_obj.pk}/answer/withdraw/", {"member": other_firm.pk})

    assert _status(response) == expected[role]
    assert RequestAnswer.objects.filter(request=request_obj).exists() is (expected[role] != "done")


WRITE = {
    "anonymous": "login",
    "suspended": 403,
    "outsider": 403,
    "other": "done",
    "author": "done",
    "coordinator": "done",
}


@pytest.mark.parametrize("role", ROLES)
def test_asking_a_question_by_role(as_role, request_obj, role):
    response = as_role(role).post(f"/en/cooperation/{request_obj.pk}/messages/", {"body": f"Question from {role}?"})

    assert _status(response) == WRITE[role]
    assert request_obj.messages.filter(body=f"Question from {role}?").exists() is (WRITE[role] == "done")


@pytest.mark.parametrize("role", ROLES)
def test_following_by_role(as_role, request_obj, role):
    before = RequestFollow.objects.count()
    response = as_role(role).post(f"/en/cooperation/{request_obj.pk}/follow/", {"follow": "1"})

    assert _status(response) == WRITE[role]
    assert RequestFollow.objects.count() == before + (1 if WRITE[role] == "done" else 0)


@pytest.mark.parametrize("role", ROLES)
def test_reporting_by_role(as_role, request_obj, role):
    response = as_role(role).post(f"/en/cooperation/{request_obj.pk}/report/", {"reason": "Spam"})

    assert _status(response) == WRITE[role]
    assert request_obj.reports.exists() is (WRITE[role] == "done")


MODERATE = {"anonymous": "login", "suspended": 403, "outsider": 403, "other": 403, "author": 403, "coordinator": "done"}


@pytest.mark.parametrize("role", ROLES)
def test_hiding_a_request_by_role(as_role, request_obj, role):
    url = reverse("cooperation:moderate", kwargs={"pk": request_obj.pk, "kind": "request", "item": request_obj.pk})
    response = as_role(role).post(url, {"reason": "Not cooperation"})

    assert _status(response) == MODERATE[role]
    request_obj.refresh_from_db()
    assert request_obj.is_hidden is (MODERATE[role] == "done")


@pytest.mark.parametrize("role", ROLES)
def test_hiding_a_reply_by_role(as_role, request_obj, other_firm, role):
    message = RequestMessageFactory(request=request_obj, member=other_firm)
    url = reverse("cooperation:moderate", kwargs={"pk": request_obj.pk, "kind": "message", "item": message.pk})
    response = as_role(role).post(url, {"reason": "Rude"})

    assert _status(response) == MODERATE[role]
    message.refresh_from_db()
    assert message.is_hidden is (MODERATE[role] == "done")


MARK = {"anonymous": "login", "suspended": 403, "outsider": 403, "other": "done", "author": "done", "coordinator": 403}


@pytest.mark.parametrize("role", ROLES)
def test_marking_a_call_by_role(as_role, tender, firm, other_firm, role):
    member = firm if role == "author" else other_firm
    response = as_role(role).post(
        f"/en/cooperation/calls/{tender.pk}/mark/", {"member": member.pk, "status": "applying"}
    )

    assert _status(response) == MARK[role]
    assert CallParticipation.objects.filter(call=tender).exists() is (MARK[role] == "done")


@pytest.mark.parametrize("role", ROLES)
def test_removing_a_mark_on_a_call_by_role(as_role, tender, firm, other_firm, role):
    member = firm if role == "author" else other_firm
    CallParticipation.objects.create(call=tender, member=member, status="applying")
    response = as_role(role).post(f"/en/cooperation/calls/{tender.pk}/unmark/", {"member": member.pk})

    assert _status(response) == MARK[role]
    assert CallParticipation.objects.filter(call=tender).exists() is (MARK[role] != "done")


def test_a_firm_cannot_mark_a_call_for_another_firm(client, tender, helper, firm):
    client.force_login(helper)

    response = client.post(f"/en/cooperation/calls/{tender.pk}/mark/", {"member": firm.pk, "status": "applying"})

    assert response.status_code == 403
    assert not CallParticipation.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_teaming_up_on_a_lead_by_role(as_role, firm, other_firm, role):
    lead = ProductionLeadFactory()
    LeadResponse.objects.create(lead=lead, member=firm, status="interested")
    LeadResponse.objects.create(lead=lead, member=other_firm, status="interested")
    member = firm if role == "author" else other_firm
    response = as_role(role).post(f"/en/cooperation/leads/{lead.pk}/team/join/", {"member": member.pk})

    assert _status(response) == MARK[role]
    assert LeadTeamOptIn.objects.filter(lead=lead).exists() is (MARK[role] == "done")


def test_unsubscribe_link_works_without_login_and_refuses_a_forged_token(client, author):
    token = emails.unsubscribe_token(author.pk, "replies")

    assert client.get(f"/en/cooperation/unsubscribe/{token}/").status_code == 200
    assert client.get(f"/en/cooperation/unsubscribe/{token[:-2]}xx/").status_code == 400
    assert client.post(f"/en/cooperation/unsubscribe/{token}/").status_code == 200
    author.refresh_from_db()
    assert author.cooperation_preference.reply_notifications is False


# --- Nothing public --------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "suspended", "outsider"])
def test_the_public_tender_page_shows_nothing_of_the_cooperation_area(as_role, request_obj, tender, other_firm, role):
    CallParticipation.objects.create(call=tender, member=other_firm, status="applying", seeks_partners=True)

    html = as_role(role).get(tender.get_absolute_url()).content.decode()

    assert "Tender: sound for the forum" in html
    for secret in (
        "Members on this call",
        "Colour Beta",
        "Secret partner search",
        'id="cooperation"',
        "cooperation/calls/",
    ):
        assert secret not in html


@pytest.mark.parametrize("role", ["other", "author", "coordinator"])
def test_members_see_the_cooperation_panel_on_the_tender_page(as_role, request_obj, tender, other_firm, role):
    CallParticipation.objects.create(call=tender, member=other_firm, status="applying", seeks_partners=True)

    html = as_role(role).get(tender.get_absolute_url()).content.decode()

    assert "Members on this call" in html
    assert "Colour Beta" in html
    assert "Secret partner search" in html


def test_feeds_sitemap_and_robots_keep_the_area_out(client, request_obj, tender, other_firm):
    RequestAnswerFactory(request=request_obj, member=other_firm, note="Our private note")

    feed = client.get("/en/news/feed/").content.decode()
    index = client.get("/sitemap.xml").content.decode()
    pages = [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", index)]
    assert pages  # the index lists the sections' sitemaps
    sitemap = "".join(client.get(page).content.decode() for page in pages)
    robots = client.get("/robots.txt").content.decode()

    assert "Tender: sound for the forum" in feed
    assert "Secret partner search" not in feed
    assert "Members-only text" not in feed
    assert "/cooperation/" not in sitemap
    assert "Disallow: /pl/cooperation/" in robots.splitlines()
    assert "Disallow: /en/cooperation/" in robots.splitlines()


@pytest.mark.parametrize("role", ["anonymous", "suspended", "outsider"])
def test_site_search_finds_nothing_of_the_area(as_role, request_obj, tender, other_firm, role):
    RequestAnswerFactory(request=request_obj, member=other_firm, note="Our private note")
    client = as_role(role)

    for query in ("secret", "partner", "private", "tender"):  # words of the secrets, never echoed whole
        html = client.get("/en/search/", {"q": query}).content.decode()
        suggestions = client.get("/en/search/suggest/", {"q": query}).content.decode()
        for secret in ("Secret partner search", "Our private note", request_obj.get_absolute_url()):
            assert secret not in html, (query, secret)
            assert secret not in suggestions, (query, secret)


@pytest.mark.parametrize("role", ["other", "author", "coordinator"])
def test_answer_notes_are_read_by_the_requesting_firm_and_the_coordinator_only(as_role, request_obj, other_firm, role):
    third = MemberFactory(name="Third Firm")
    RequestAnswerFactory(request=request_obj, member=third, note="Third firm private offer")

    html = as_role(role).get(f"/en/cooperation/{request_obj.pk}/").content.decode()

    assert ("Third firm private offer" in html) is (role in {"author", "coordinator"})
    assert "1 firm has said it can help." in html or role != "other"


def test_an_unknown_team_action_is_not_found(client, helper, other_firm):
    lead = ProductionLeadFactory()
    client.force_login(helper)

    response = client.post(f"/en/cooperation/leads/{lead.pk}/team/dance/", {"member": other_firm.pk})

    assert response.status_code == 404
    assert not LeadTeamOptIn.objects.exists()
