"""Teaming up on a production lead: firms interested in it may agree to be shown to each
other, and the coordinator sends the producer one joint offer from the team."""

import pytest

from cooperation import selectors, services
from cooperation.models import LeadTeamOptIn
from productions import services as productions_services
from productions.models import LeadResponse
from tests.factories.members import MemberFactory
from tests.factories.productions import ProductionLeadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(db):
    return ProductionLeadFactory(title_en="Salt of the Earth", contact_email="producer@example.org")


def _interested(lead, *firms, status="interested"):
    for firm in firms:
        LeadResponse.objects.create(lead=lead, member=firm, status=status)


def test_a_firm_alone_on_a_lead_cannot_team_up(lead, firm, author):
    _interested(lead, firm)

    with pytest.raises(services.NotAllowed):
        services.team_join(lead=lead, member=firm, user=author)


def test_a_firm_that_is_not_interested_cannot_team_up(lead, firm, other_firm, helper):
    _interested(lead, firm, MemberFactory())

    with pytest.raises(services.NotAllowed):
        services.team_join(lead=lead, member=other_firm, user=helper)


def test_firms_that_opted_in_see_each_other_and_only_each_other(client, lead, firm, author, other_firm, helper):
    shy = MemberFactory(name="Shy Firm")
    _interested(lead, firm, other_firm, shy)
    services.team_join(lead=lead, member=firm, user=author)

    client.force_login(author)
    alone = client.get(f"/en/productions/{lead.pk}/").content.decode()
    assert "3 firms are interested in this lead." in alone
    assert "No other interested firm has agreed yet" in alone

    services.team_join(lead=lead, member=other_firm, user=helper)
    together = client.get(f"/en/productions/{lead.pk}/").content.decode()
    team_part = together[together.index('id="team"') :]
    assert "Colour Beta" in team_part
    assert "Shy Firm" not in team_part

    client.force_login(helper)
    theirs = client.get(f"/en/productions/{lead.pk}/").content.decode()
    assert "Sound Studio Alpha" in theirs[theirs.index('id="team"') :]


def test_a_firm_that_withdrew_its_interest_drops_out_of_the_team(lead, firm, author, other_firm, helper):
    _interested(lead, firm, other_firm)
    services.team_join(lead=lead, member=firm, user=author)
    services.team_join(lead=lead, member=other_firm, user=helper)

    LeadResponse.objects.filter(lead=lead, member=other_firm).delete()

    assert selectors.lead_team(lead).members == [firm]


def test_leaving_the_team_through_the_page(client, lead, firm, author, other_firm):
    _interested(lead, firm, other_firm)
    services.team_join(lead=lead, member=firm, user=author)
    client.force_login(author)

    response = client.post(f"/en/cooperation/leads/{lead.pk}/team/leave/", {"member": firm.pk})

    assert response["Location"] == f"/en/productions/{lead.pk}/#team"
    assert not LeadTeamOptIn.objects.exists()


def test_the_coordinator_sends_the_producer_one_joint_offer_naming_the_team(
    client, lead, firm, author, other_firm, helper, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    lonely = MemberFactory(name="Interested Alone")
    _interested(lead, firm, other_firm, lonely)
    services.team_join(lead=lead, member=firm, user=author)
    services.team_join(lead=lead, member=other_firm, user=helper)
    client.force_login(coordinator)
    url = f"/admin/cooperation/leadteamoptin/lead/{lead.pk}/"
    page = client.get(url)
    assert page.status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"to": "producer@example.org", "language": "en", "team_name": "Krakow Post Alliance"}
        )

    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["producer@example.org"]]
    message = mailoutbox[0]
    assert message.subject == "A joint offer for Salt of the Earth from a team of member companies"
    assert "offer to work on Salt of the Earth together, as one team: Krakow Post Alliance." in message.body
    assert "Sound Studio Alpha" in message.body
    assert "Colour Beta" in message.body
    assert "Interested Alone" not in message.body
    lead.refresh_from_db()
    assert sorted(m.name for m in lead.shortlist_members.all()) == ["Colour Beta", "Sound Studio Alpha"]


def test_a_joint_offer_needs_two_firms_in_the_team(client, lead, firm, author, other_firm, coordinator, mailoutbox):
    _interested(lead, firm, other_firm)
    services.team_join(lead=lead, member=firm, user=author)
    client.force_login(coordinator)

    response = client.post(
        f"/admin/cooperation/leadteamoptin/lead/{lead.pk}/", {"to": "producer@example.org", "language": "en"}
    )

    assert response.status_code == 200
    assert "A joint offer needs at least two firms in the team." in response.content.decode()
    assert mailoutbox == []


def test_the_plain_shortlist_is_unchanged(
    lead, firm, other_firm, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    _interested(lead, firm, other_firm)

    with django_capture_on_commit_callbacks(execute=True):
        productions_services.lead_send_shortlist(lead=lead, user=coordinator, language="en")

    assert mailoutbox[0].subject == "Member companies interested in Salt of the Earth"
    assert "are interested in working on Salt of the Earth:" in mailoutbox[0].body
