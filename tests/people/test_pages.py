"""The catalogue of people, profiles and the finder: filters, privacy, query budgets,
and who may see or change what."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from people.models import Period, Person
from tests.factories.members import MemberFactory
from tests.factories.people import HoldFactory, PeriodFactory, PersonCreditFactory, PersonFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def url(name, lang="en", **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs)


def listed(response) -> list[str]:
    return [p.slug for p in response.context["people"]]


def test_list_shows_only_opted_in_active_people(client):
    PersonFactory(slug="public-one")
    PersonFactory(slug="not-opted-in", is_public=False)
    PersonFactory(slug="hidden-by-office", is_active=False)

    response = client.get(url("people:list"))

    assert response.status_code == 200
    assert listed(response) == ["public-one"]
    assert b"not-opted-in" not in response.content
    assert b"hidden-by-office" not in response.content


def test_list_filters_by_role_department_language_city_and_travel(client):
    PersonFactory(slug="gaffer-krk", roles=["gaffer"], city="Kraków", languages=["pl", "en"], travel="international")
    PersonFactory(slug="gaffer-local", roles=["gaffer"], city="Tarnów", languages=["pl"], travel="local")
    PersonFactory(slug="composer", roles=["composer"], city="Kraków", languages=["de"], travel="national")

    assert listed(client.get(url("people:list"), {"role": "gaffer"})) == ["gaffer-krk", "gaffer-local"]
    assert listed(client.get(url("people:list"), {"department": "music"})) == ["composer"]
    assert listed(client.get(url("people:list"), {"language": "de"})) == ["composer"]
    assert listed(client.get(url("people:list"), {"city": "tarnów"})) == ["gaffer-local"]
    assert listed(client.get(url("people:list"), {"travel": "on", "role": "gaffer"})) == ["gaffer-krk"]


def test_list_available_between_leaves_out_booked_and_pencilled_people(client):
    booked = PersonFactory(slug="booked", roles=["gaffer"])
    pencilled = PersonFactory(slug="pencilled", roles=["gaffer"])
    PersonFactory(slug="free", roles=["gaffer"])
    PeriodFactory(person=booked, start=D(2027, 7, 1), end=D(2027, 7, 10))
    HoldFactory(person=pencilled, start=D(2027, 7, 10), end=D(2027, 7, 12))

    response = client.get(
        url("people:list"), {"role": "gaffer", "available_from": "2027-07-10", "available_to": "2027-07-11"}
    )

    assert listed(response) == ["free"]
    start, end = date_format(D(2027, 7, 10), "DATE_FORMAT"), date_format(D(2027, 7, 11), "DATE_FORMAT")
    assert f"1 person free from {start} to {end}" in response.content.decode()


def test_list_reversed_window_shows_the_error_next_to_the_field_and_keeps_input(client):
    PersonFactory(slug="anyone")

    response = client.get(url("people:list"), {"available_from": "2027-07-10", "available_to": "2027-07-01"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "The last day cannot be before the first day." in body
    assert 'value="2027-07-10"' in body
    assert 'value="2027-07-01"' in body


def test_list_search_finds_a_role_in_either_language(client):
    PersonFactory(slug="anna", name="Anna Nowak", roles=["gaffer"])
    PersonFactory(slug="jan", name="Jan Kowalski", roles=["composer"])

    assert listed(client.get(url("people:list"), {"q": "gaffer"})) == ["anna"]
    assert listed(client.get(url("people:list", lang="pl"), {"q": "kompozytor"})) == ["jan"]


@pytest.mark.parametrize("size", [5, 50])
def test_list_query_budget_is_the_same_for_5_and_50_people(client, django_assert_num_queries, size):
    firm = MemberFactory()
    for n in range(size):
        person = PersonFactory(roles=["gaffer", "best-boy"] if n % 2 else ["composer"])
        person.firms.add(firm)
        PeriodFactory(person=person, start=D(2027, 1, 1), end=D(2027, 1, 2))

    client.get(url("people:list"))  # the site's branding record is read once, then cached
    # count, the department and role choices, the page, its roles and firms
    with django_assert_num_queries(6):
        response = client.get(url("people:list"), {"available_from": "2027-02-01", "available_to": "2027-02-03"})

    assert response.status_code == 200
    assert len(response.context["people"]) == min(size, 24)


def test_profile_hides_private_contact_details_from_html_and_json_ld(client):
    person = PersonFactory(slug="quiet", email="quiet@private.example.org", phone="+48 111 222 333")
    PersonCreditFactory(person=person, title="Cold Winter", role="gaffer")

    response = client.get(url("people:detail", slug="quiet"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "quiet@private.example.org" not in body
    assert "111 222 333" not in body
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1))
    assert data["@type"] == "Person"
    assert data["name"] == person.name
    assert "email" not in data
    assert "telephone" not in data
    assert "Cold Winter" in body


def test_profile_shows_contact_details_the_person_chose(client):
    PersonFactory(slug="open", email="open@example.org", phone="+48 999", show_email=True, show_phone=True)

    body = client.get(url("people:detail", slug="open")).content.decode()

    assert "open@example.org" in body
    assert "+48 999" in body


@pytest.mark.parametrize("fields", [{"is_public": False}, {"is_active": False}])
def test_profile_not_public_is_404_for_everyone(client, coordinator, fields):
    PersonFactory(slug="private", **fields)

    assert client.get(url("people:detail", slug="private")).status_code == 404
    client.force_login(coordinator)
    assert client.get(url("people:detail", slug="private")).status_code == 404


def test_sitemap_and_search_leave_out_people_not_public(client):
    PersonFactory(slug="listed-person", name="Zofia Listed", roles=["gaffer"])
    PersonFactory(slug="secret-person", name="Zofia Secret", roles=["gaffer"], is_public=False)

    sitemap = client.get("/sitemap-people.xml").content.decode()
    search = client.get(url("core:search"), {"q": "zofia"}).content.decode()

    assert "/en/people/listed-person/" in sitemap
    assert "secret-person" not in sitemap
    assert "Zofia Listed" in search
    assert "Zofia Secret" not in search
    assert "@private.example.org" not in search


def test_search_document_never_holds_contact_details():
    person = PersonFactory(email="hidden@private.example.org", phone="+48 123 456 789", roles=["gaffer"])

    person.refresh_from_db()

    assert "private" not in person.search_document
    assert "123" not in person.search_document
    assert "gaffer" in person.search_document


# --- The person's own editor: permission matrix --------------------------------------------


def test_self_edit_anonymous_goes_to_login(client):
    response = client.get(url("people:me"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["member_user", "coordinator"])
def test_self_edit_user_without_a_profile_is_404(client, request, person, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(url("people:me")).status_code == 404
    assert client.post(url("people:me"), {"name": "Taken over"}).status_code == 404
    person.refresh_from_db()
    assert person.name == "Anna Gaffer"


def test_self_edit_changes_only_ones_own_profile(client, person, other_person_user):
    client.force_login(other_person_user)

    response = client.post(url("people:me"), _profile_data(name="Bob Changed"))

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "Anna Gaffer"
    assert Person.objects.get(user=other_person_user).name == "Bob Changed"


def _profile_data(**overrides):
    data = {
        "name": "Anna Gaffer",
        "city": "Kraków",
        "travel": "national",
        "languages": ["pl", "en"],
        "bio_pl": "",
        "bio_en": "<script>alert(1)</script>",
        "credits-TOTAL_FORMS": "0",
        "credits-INITIAL_FORMS": "0",
        "credits-MIN_NUM_FORMS": "0",
        "credits-MAX_NUM_FORMS": "50",
        "is_public": "on",
    }
    return data | overrides


def test_self_edit_bad_input_keeps_it_and_says_why_next_to_the_field(client, person, person_user):
    client.force_login(person_user)

    response = client.post(url("people:me"), _profile_data(showreel_url="not a link", city=""))

    body = response.content.decode()
    assert response.status_code == 400
    assert 'value="not a link"' in body
    assert "Enter a valid URL." in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>alert(1)" not in body


def test_self_edit_saves_and_the_profile_escapes_the_bio(client, person, person_user):
    client.force_login(person_user)

    response = client.post(url("people:me"), _profile_data(show_email="on", email="anna@work.example.org"))

    assert response.status_code == 302
    body = client.get(url("people:detail", slug="anna-gaffer")).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "anna@work.example.org" in body


def test_self_edit_requires_csrf(person, person_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(person_user)

    assert client.post(url("people:me"), _profile_data()).status_code == 403


# --- Availability editor --------------------------------------------------------------------


def test_availability_marks_days_and_refuses_an_overlap_with_a_message(client, person, person_user):
    client.force_login(person_user)
    target = url("people:availability")

    first = client.post(target, {"kind": "booked", "start": "2027-08-01", "end": "2027-08-05"})
    overlap = client.post(target, {"kind": "available", "start": "2027-08-05", "end": "2027-08-09", "note": "x"})

    assert first.status_code == 302
    assert overlap.status_code == 400
    assert "These days overlap another booking" in overlap.content.decode()
    assert 'value="2027-08-09"' in overlap.content.decode()
    assert list(person.periods.values_list("kind", "start", "end")) == [("booked", D(2027, 8, 1), D(2027, 8, 5))]


def test_availability_another_persons_period_cannot_be_deleted(client, person, other_person_user):
    period = PeriodFactory(person=person)
    client.force_login(other_person_user)

    response = client.post(url("people:period_delete", pk=period.pk))

    assert response.status_code == 404
    assert Period.objects.filter(pk=period.pk).exists()


@pytest.mark.parametrize("who", ["anonymous", "member_user", "coordinator"])
def test_availability_is_only_for_a_person(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    response = client.get(url("people:availability"))

    assert response.status_code == (302 if who == "anonymous" else 404)


def test_shortlist_toggle_refuses_a_person_not_public(client):
    PersonFactory(slug="private", is_public=False)

    response = client.post(url("people:shortlist_toggle"), {"add": "private"})

    assert response.status_code == 404
    assert client.session.get("people_shortlist") is None


# --- Data export and erasure, invitations --------------------------------------------------


def test_export_includes_the_profile_its_credits_and_periods(person, person_user):
    from accounts.privacy import user_data_export

    PersonCreditFactory(person=person, title="Cold Winter")
    PeriodFactory(person=person, start=D(2027, 3, 1), end=D(2027, 3, 2), note="for Big Studio")

    data = user_data_export(person_user)["crew_profile"]

    assert data["profile"]["name"] == "Anna Gaffer"
    assert [c["title"] for c in data["credits"]] == ["Cold Winter"]
    assert [p["note"] for p in data["periods"]] == ["for Big Studio"]


def test_erasure_deletes_the_profile_and_everything_of_it(client, person, person_user):
    from accounts.privacy import user_delete

    PeriodFactory(person=person)
    PersonCreditFactory(person=person)

    user_delete(user=person_user)

    assert not Person.objects.filter(slug="anna-gaffer").exists()
    assert Period.objects.count() == 0
    assert client.get(url("people:detail", slug="anna-gaffer")).status_code == 404


def test_invitation_link_lets_a_logged_in_user_take_over_the_profile_once(
    client, mailoutbox, coordinator, django_capture_on_commit_callbacks
):
    from accounts.models import User
    from people import services

    invited = PersonFactory(slug="invited", email="invited@example.org", user=None, is_public=False)
    with django_capture_on_commit_callbacks(execute=True):
        token = services.person_invite(person=invited, invited_by=coordinator, language="en")
    user = User.objects.create_user(email="invited@example.org", password="x-long-password-1")
    second = User.objects.create_user(email="someone@example.org", password="x-long-password-2")

    assert mailoutbox[-1].to == ["invited@example.org"]
    assert token in mailoutbox[-1].body
    client.force_login(user)
    response = client.post(url("people:claim", token=token))
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.user == user

    client.force_login(second)
    again = client.post(url("people:claim", token=token))
    assert again.status_code == 400
    invited.refresh_from_db()
    assert invited.user == user


def test_invitation_link_anonymous_goes_to_login(client):
    response = client.post(url("people:claim", token="abc"))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
