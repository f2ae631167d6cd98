"""Holds from leads: an interested firm pencils a lead's window on its people and
resources; holds expire, are confirmed into bookings, and are released when the lead is
cancelled or the firm declines."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from people import selectors, services
from people.models import Department, Period
from productions.models import LeadResponse, ProductionLead
from tests.factories.members import ResourceFactory, ServiceCategoryFactory
from tests.factories.people import PeriodFactory, PersonFactory
from tests.factories.productions import LeadResponseFactory, ProductionLeadFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def lighting():
    category = ServiceCategoryFactory(slug="lighting", name_en="Lighting", name_pl="Oświetlenie")
    Department.objects.get(slug="lighting").services.add(category)
    return category


@pytest.fixture
def lead(lighting):
    return ProductionLeadFactory(shooting_start=D(2027, 9, 1), shooting_end=D(2027, 9, 14), services_needed=[lighting])


@pytest.fixture
def interested(lead, firm):
    return LeadResponseFactory(lead=lead, member=firm, status=LeadResponse.Status.INTERESTED)


def free_for_lead(lead):
    free, _busy = selectors.people_matching_lead(lead)
    return [p.slug for p in free]


def test_holds_place_pencils_the_window_and_the_person_is_no_longer_free(lead, interested, person, member_user):
    assert free_for_lead(lead) == ["anna-gaffer"]

    holds = services.holds_place(lead=lead, member_id=interested.member_id, user=member_user, people=[person])

    assert [(h.kind, h.source, h.start, h.end) for h in holds] == [("hold", "lead", D(2027, 9, 1), D(2027, 9, 14))]
    assert free_for_lead(lead) == []
    assert not selectors.is_free(person, D(2027, 9, 14), D(2027, 9, 20))
    assert selectors.is_free(person, D(2027, 9, 15), D(2027, 9, 20))


def test_holds_place_twice_renews_one_hold(lead, interested, person, member_user):
    first = services.holds_place(lead=lead, member_id=interested.member_id, user=member_user, people=[person])[0]
    Period.objects.filter(pk=first.pk).update(expires_at=timezone.now())

    again = services.holds_place(lead=lead, member_id=interested.member_id, user=member_user, people=[person])[0]

    assert again.pk == first.pk
    assert again.expires_at > timezone.now() + datetime.timedelta(days=services.HOLD_DAYS - 1)
    assert Period.objects.filter(lead=lead).count() == 1


def test_holds_place_refused_without_interest_or_for_someone_elses_people(
    lead, firm, person, member_user, other_member_user
):
    with pytest.raises(PermissionDenied):
        services.holds_place(lead=lead, member_id=firm.pk, user=member_user, people=[person])
    LeadResponseFactory(lead=lead, member=firm, status=LeadResponse.Status.INTERESTED)
    with pytest.raises(PermissionDenied):
        services.holds_place(lead=lead, member_id=firm.pk, user=other_member_user, people=[person])
    stranger = PersonFactory(slug="stranger")
    with pytest.raises(PermissionDenied):
        services.holds_place(lead=lead, member_id=firm.pk, user=member_user, people=[stranger])
    assert Period.objects.count() == 0


def test_holds_place_covers_the_firms_resources(lead, interested, firm, member_user):
    resource = ResourceFactory(member=firm, name="ARRI SkyPanel S60")

    services.holds_place(lead=lead, member_id=firm.pk, user=member_user, resources=[resource])

    assert list(resource.periods.values_list("kind", "start", "end")) == [("hold", D(2027, 9, 1), D(2027, 9, 14))]


def test_hold_expired_counts_as_free(lead, interested, person, member_user):
    hold = services.holds_place(lead=lead, member_id=interested.member_id, user=member_user, people=[person])[0]

    later = hold.expires_at + datetime.timedelta(seconds=1)

    assert selectors.people_matching_lead(lead, now=later)[0] == [person]


def test_hold_confirm_becomes_a_booking_unless_it_collides(lead, interested, person, member_user):
    hold = services.holds_place(lead=lead, member_id=interested.member_id, user=member_user, people=[person])[0]
    clash = PeriodFactory(person=person, start=D(2027, 9, 10), end=D(2027, 9, 10))

    with pytest.raises(ValidationError):
        services.hold_confirm(hold=hold, user=member_user)
    hold.refresh_from_db()
    assert (hold.kind, hold.expires_at is not None) == ("hold", True)

    clash.delete()
    services.hold_confirm(hold=hold, user=member_user)
    hold.refresh_from_db()
    assert (hold.kind, hold.expires_at) == ("booked", None)


def test_lead_cancelled_releases_its_holds_but_not_bookings(lead, interested, person, member_user):
    other = PersonFactory(slug="other")
    other.firms.add(interested.member)
    holds = services.holds_place(lead=lead, member_id=interested.member_id, user=member_user, people=[person, other])
    services.hold_confirm(hold=holds[1], user=member_user)

    lead.status = ProductionLead.Status.CANCELLED
    lead.save()

    assert list(Period.objects.values_list("person__slug", "kind")) == [("other", "booked")]


@pytest.mark.parametrize("answer", [LeadResponse.Status.DECLINED, LeadResponse.Status.NOT_AVAILABLE])
def test_firm_declining_releases_its_holds(lead, interested, person, member_user, answer):
    services.holds_place(lead=lead, member_id=interested.member_id, user=member_user, people=[person])

    interested.status = answer
    interested.save()

    assert Period.objects.count() == 0


def test_firm_withdrawing_its_answer_releases_its_holds(lead, interested, person, member_user):
    services.holds_place(lead=lead, member_id=interested.member_id, user=member_user, people=[person])

    interested.delete()

    assert Period.objects.count() == 0


# --- The page: permission matrix ----------------------------------------------------------


def holds_url(lead):
    return reverse("people:lead_holds", kwargs={"lead_pk": lead.pk})


def test_lead_holds_page_anonymous_goes_to_login(client, lead):
    response = client.get(holds_url(lead))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_lead_holds_page_non_member_is_403(client, lead, person_user):
    client.force_login(person_user)

    assert client.get(holds_url(lead)).status_code == 403


def test_lead_holds_page_member_without_interest_cannot_pencil(client, lead, person, other_member_user):
    client.force_login(other_member_user)

    page = client.get(holds_url(lead))
    post = client.post(holds_url(lead), {"people": [person.pk]})

    assert page.status_code == 200
    assert page.context["firm"] is None
    assert post.status_code == 403
    assert Period.objects.count() == 0


def test_lead_holds_page_member_of_interested_firm_pencils(client, lead, interested, person, member_user):
    client.force_login(member_user)

    response = client.post(holds_url(lead), {"people": [person.pk]})

    assert response.status_code == 302
    assert list(Period.objects.values_list("person__slug", "kind")) == [("anna-gaffer", "hold")]


def test_lead_holds_page_other_firms_person_is_not_a_valid_choice(client, lead, interested, member_user):
    stranger = PersonFactory(slug="stranger")
    client.force_login(member_user)

    response = client.post(holds_url(lead), {"people": [stranger.pk]})

    assert response.status_code == 400
    assert "people" in response.context["form"].errors
    assert Period.objects.count() == 0


def test_lead_holds_page_coordinator_sees_free_people(client, lead, person, coordinator):
    client.force_login(coordinator)

    response = client.get(holds_url(lead))

    assert response.status_code == 200
    assert [p.slug for p in response.context["free"]] == ["anna-gaffer"]


def test_lead_holds_page_draft_lead_is_404_for_members(client, lead, interested, member_user):
    lead.published_at = None
    lead.save()
    client.force_login(member_user)

    assert client.get(holds_url(lead)).status_code == 404


def test_hold_confirm_by_another_firm_is_404(client, lead, interested, person, member_user, other_member_user):
    hold = services.holds_place(lead=lead, member_id=interested.member_id, user=member_user, people=[person])[0]
    client.force_login(other_member_user)

    response = client.post(reverse("people:hold_confirm", kwargs={"pk": hold.pk}))

    assert response.status_code == 404
    hold.refresh_from_db()
    assert hold.kind == "hold"
