"""Joining the cluster: the public application form and the coordinator's review."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts import services
from accounts.models import Invitation, MembershipApplication
from members.models import Member
from tests.factories.accounts import CoordinatorFactory, MembershipApplicationFactory
from tests.factories.members import ServiceCategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def categories():
    parent = ServiceCategoryFactory(slug="post", name_en="Post-production", name_pl="Postprodukcja")
    return [
        ServiceCategoryFactory(slug="sound", name_en="Sound", name_pl="Dźwięk", parent=parent),
        ServiceCategoryFactory(slug="grading", name_en="Grading", name_pl="Korekcja barwna", parent=parent),
    ]


def application_data(categories, **changes):
    data = {
        "company_name": "Nowa Scena",
        "kind": "company",
        "city": "Tarnów",
        "address": "",
        "postal_code": "",
        "website": "https://nowa-scena.example.org",
        "tax_id": "",
        "year_founded": "2019",
        "description": "Sound design and mixing.",
        "services": [str(c.pk) for c in categories],
        "contact_name": "Nina Nowak",
        "contact_email": "nina@nowa-scena.example.org",
        "contact_phone": "",
        "operates_two_years": "on",
        "has_portfolio": "on",
        "has_website": "on",
        "has_price_list": "on",
        "has_insurance": "on",
        "signed_declaration": "on",
        "website_url": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(("language", "service"), [("en", "Post-production › Sound"), ("pl", "Postprodukcja › Dźwięk")])
def test_join_page_in_each_language(client, categories, language, service):
    response = client.get(f"/{language}/join/")

    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<h1") == 1
    assert f'<html lang="{language}">' in body
    assert service in body


def test_join_submission_is_stored_and_both_sides_emailed(
    client, categories, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/join/", application_data(categories))

    assert response.status_code == 302
    assert response["Location"] == "/en/join/thanks/"
    application = MembershipApplication.objects.get()
    assert (application.company_name, application.language, application.status) == ("Nowa Scena", "en", "pending")
    assert sorted(application.services.values_list("slug", flat=True)) == ["grading", "sound"]
    assert [m.to for m in mailoutbox] == [["nina@nowa-scena.example.org"], ["coordinator@example.org"]]
    assert mailoutbox[0].subject == "We have received your application · Krakow Film Cluster"


def test_join_tells_the_office_in_its_own_language(client, categories, mailoutbox, django_capture_on_commit_callbacks):
    CoordinatorFactory(email="coordinator@example.org", preferred_language="en")

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/pl/join/", application_data(categories))

    applicant, office = mailoutbox
    assert office.to == ["coordinator@example.org"]
    assert office.subject == "New application to join: Nowa Scena"
    assert applicant.subject != "We have received your application · Krakow Film Cluster"  # the applicant's Polish


def test_join_sent_twice_is_one_application(client, categories, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/en/join/", application_data(categories))
        again = client.post("/en/join/", application_data(categories, contact_email="NINA@nowa-scena.example.org"))

    assert (first.status_code, again.status_code) == (302, 302)
    assert again["Location"] == "/en/join/thanks/"
    assert MembershipApplication.objects.count() == 1
    assert len(mailoutbox) == 2  # the applicant and the office, once each


def test_join_again_after_a_review_or_for_another_firm_is_a_new_application(client, categories):
    client.post("/en/join/", application_data(categories))
    MembershipApplication.objects.update(status=MembershipApplication.Status.REJECTED)
    cache.clear()  # later than the public forms' guard against the same post sent twice

    client.post("/en/join/", application_data(categories))
    client.post("/en/join/", application_data(categories, company_name="Druga Scena"))

    assert sorted(MembershipApplication.objects.values_list("company_name", "status")) == [
        ("Druga Scena", "pending"),
        ("Nowa Scena", "pending"),
        ("Nowa Scena", "rejected"),
    ]


def test_application_submit_settles_a_twin_that_slipped_past_the_check(monkeypatch):
    stored = MembershipApplicationFactory(company_name="Twin Films", contact_email="twin@example.org")
    checks = iter([None, stored])  # the first look misses it, as when both arrive at once
    monkeypatch.setattr(services, "_pending_twin", lambda application: next(checks))
    twin = MembershipApplication(company_name="TWIN FILMS", city="Kraków", description="x", contact_name="T")
    twin.contact_email = "Twin@example.org"

    result = services.application_submit(application=twin, services=[])

    assert result == stored
    assert MembershipApplication.objects.count() == 1


def test_join_without_a_requirement_keeps_what_was_typed(client, categories):
    data = application_data(categories)
    del data["has_insurance"]

    response = client.post("/en/join/", data)

    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == ["has_insurance"]
    assert form["company_name"].value() == "Nowa Scena"
    assert form["description"].value() == "Sound design and mixing."
    assert MembershipApplication.objects.count() == 0


@pytest.mark.parametrize("year", ["1066", "2999", "99999"])
def test_join_with_an_impossible_founding_year_keeps_what_was_typed(client, categories, year):
    response = client.post("/en/join/", application_data(categories, year_founded=year))

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["year_founded"]
    assert response.context["form"]["year_founded"].value() == year
    assert response.context["form"]["company_name"].value() == "Nowa Scena"
    assert MembershipApplication.objects.count() == 0


def test_join_honeypot_pretends_success_and_stores_nothing(client, categories, mailoutbox):
    response = client.post("/en/join/", application_data(categories, website_url="http://spam.example"))

    assert response.status_code == 302
    assert MembershipApplication.objects.count() == 0
    assert mailoutbox == []


def test_join_is_rate_limited_per_address(client, categories, settings):
    settings.PUBLIC_FORM_RATE = "2/h"
    for index in range(2):
        client.post("/en/join/", application_data(categories, company_name=f"Firm {index}"))

    response = client.post("/en/join/", application_data(categories, company_name="Firm 3"))

    assert response.status_code == 429
    assert response.context["form"]["company_name"].value() == "Firm 3"
    assert MembershipApplication.objects.count() == 2


def test_admin_approve_creates_hidden_member_and_invites_applicant(
    client, categories, mailoutbox, django_capture_on_commit_callbacks
):
    coordinator = CoordinatorFactory()
    application = MembershipApplicationFactory(
        company_name="Nowa Scena", contact_email="nina@example.org", language="pl"
    )
    application.services.set(categories)
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:accounts_membershipapplication_approve", args=[application.pk]))

    assert response.status_code == 302
    application.refresh_from_db()
    member = Member.objects.get(name="Nowa Scena")
    assert (application.status, application.member, application.reviewed_by) == ("approved", member, coordinator)
    assert (member.slug, member.is_public, member.status) == ("nowa-scena", False, "active")
    assert member.description_pl == "We rent cameras and lights."
    assert sorted(member.services.values_list("category__slug", flat=True)) == ["grading", "sound"]
    invitation = Invitation.objects.get(member=member)
    assert (invitation.email, invitation.role, invitation.language) == ("nina@example.org", "admin", "pl")
    assert [m.to for m in mailoutbox] == [["nina@example.org"]]
    assert "/pl/invitation/" in mailoutbox[0].body


def test_admin_approve_twice_does_not_create_a_second_member(client, categories):
    client.force_login(CoordinatorFactory())
    application = MembershipApplicationFactory(company_name="Once Only")
    url = reverse("admin:accounts_membershipapplication_approve", args=[application.pk])

    client.post(url)
    client.post(url)

    assert Member.objects.filter(name="Once Only").count() == 1


def test_admin_reject_needs_a_reason_and_tells_the_applicant(client, mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(CoordinatorFactory())
    application = MembershipApplicationFactory(contact_email="no@example.org", language="en")
    url = reverse("admin:accounts_membershipapplication_reject", args=[application.pk])

    empty = client.post(url, {"reason": ""}, headers={"accept-language": "en"})
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"reason": "We need <b>two</b> years of activity in the region."})

    assert empty.status_code == 200
    # The form page: the error in the reason's row, and the button says what happens.
    page = empty.content.decode()
    assert '<div class="form-row errors">' in page
    assert 'value="Reject and tell the applicant"' in page
    assert [e.code for e in empty.context["form"].errors.as_data()["reason"]] == ["required"]
    assert done.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.rejection_reason) == (
        "rejected",
        "We need <b>two</b> years of activity in the region.",
    )
    assert [m.to for m in mailoutbox] == [["no@example.org"]]
    assert "We need <b>two</b> years" in mailoutbox[0].body
    assert "We need &lt;b&gt;two&lt;/b&gt; years" in mailoutbox[0].alternatives[0][0]
    assert Member.objects.count() == 0


def test_admin_review_pages_are_for_staff_only(client):
    application = MembershipApplicationFactory()
    client.force_login(CoordinatorFactory(is_staff=False, is_superuser=False))

    response = client.post(reverse("admin:accounts_membershipapplication_approve", args=[application.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert MembershipApplication.objects.get(pk=application.pk).status == "pending"


def test_admin_application_change_page_offers_approve_and_reject(client):
    client.force_login(CoordinatorFactory())
    application = MembershipApplicationFactory()

    response = client.get(reverse("admin:accounts_membershipapplication_change", args=[application.pk]))

    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("admin:accounts_membershipapplication_approve", args=[application.pk]) in body
    assert reverse("admin:accounts_membershipapplication_reject", args=[application.pk]) in body


def test_join_invalid_applications_do_not_use_up_the_rate_limit(client, categories, settings):
    settings.PUBLIC_FORM_RATE = "1/h"
    incomplete = application_data(categories)
    del incomplete["has_insurance"]

    invalid = [client.post("/en/join/", incomplete).status_code for _ in range(3)]
    valid = client.post("/en/join/", application_data(categories))

    assert invalid == [400, 400, 400]
    assert valid.status_code == 302
    assert MembershipApplication.objects.count() == 1
