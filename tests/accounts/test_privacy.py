"""Download my data, delete my account: generic over every table that points to the user."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts import privacy
from accounts.models import Invitation, Membership, MembershipApplication, User
from core.emails import queue_email
from core.models import OutboundEmail
from members.models import Inquiry, Member
from tests.factories.accounts import (
    PASSWORD,
    InvitationFactory,
    MembershipApplicationFactory,
    MembershipFactory,
    UserFactory,
)
from tests.factories.events import RegistrationFactory
from tests.factories.members import MemberFactory
from tests.factories.productions import ProductionInquiryFactory

pytestmark = pytest.mark.django_db

EMAIL = "zofia.quxley@example.org"
NAME = "Zofia Quxley-Wrenfield"


@pytest.fixture
def person():
    """A member admin with a firm, an accepted invitation, an application and a profile edit."""
    user = UserFactory(email=EMAIL, name=NAME)
    member = MemberFactory(name="Quxley Lights", slug="quxley")
    membership = MembershipFactory(user=user, member=member, role=Membership.Role.ADMIN)
    InvitationFactory(email=EMAIL, member=member, status="accepted", accepted_by=user)
    MembershipApplicationFactory(
        contact_email=EMAIL, contact_name=NAME, contact_phone="+48 600 100 200", company_name="Quxley Lights"
    )
    # An invitation this person sent to a colleague: the colleague's data, not theirs.
    InvitationFactory(email="colleague@example.org", member=member, invited_by=user)
    LogEntry.objects.create(
        user=UserFactory(is_staff=True),
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(user.pk),
        object_repr=str(user),
        action_flag=CHANGE,
        change_message=f"Changed name to {NAME}",
    )
    # The coordinator's log of a change to the membership names the person in its text.
    LogEntry.objects.create(
        user=UserFactory(is_staff=True),
        content_type=ContentType.objects.get_for_model(Membership),
        object_id=str(membership.pk),
        object_repr=str(membership),
        action_flag=CHANGE,
        change_message=f"Changed role of {EMAIL}",
    )
    return user


def text_columns():
    """Every (model, column) that can hold text, across all installed apps."""
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):  # EmailField is a CharField
                yield model, field


def rows_mentioning(*needles: str) -> list[str]:
    """'app.Model.column: count' for every text column containing one of the needles."""
    found = []
    for model, field in text_columns():
        condition = Q()
        for needle in needles:
            condition |= Q(**{f"{field.name}__icontains": needle})
        count = model._base_manager.filter(condition).count()
        if count:
            found.append(f"{model._meta.label}.{field.name}: {count}")
    return found


def test_data_export_contains_the_users_data_and_nobody_elses(client, person):
    other = UserFactory(email="somebody.else@example.org", name="Somebody Else")
    MembershipFactory(user=other, member=Member.objects.get(slug="quxley"), role=Membership.Role.EDITOR)
    MembershipApplicationFactory(contact_email="somebody.else@example.org", contact_name="Somebody Else")
    client.force_login(person)

    response = client.get(reverse("accounts:data_export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    body = response.content.decode()
    data = json.loads(body)
    assert data["user"]["email"] == EMAIL
    assert data["user"]["name"] == NAME
    assert "password" not in data["user"]
    assert data["memberships"] == [
        {"member": "Quxley Lights", "role": "admin", "since": data["memberships"][0]["since"]}
    ]
    assert [i["state"] for i in data["invitations_received"]] == ["accepted"]
    assert [a["contact_phone"] for a in data["applications_sent"]] == ["+48 600 100 200"]
    assert sorted(data["related_records"]) == ["account.EmailAddress", "accounts.Invitation", "accounts.Membership"]
    assert "somebody.else@example.org" not in body
    assert "Somebody Else" not in body
    assert "colleague@example.org" not in body


def test_data_export_includes_rows_of_any_app_that_points_to_the_user_but_no_secrets(person):
    Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={"secret": "TOPSECRETSEED"})

    data = privacy.user_data_export(person)

    rows = data["related_records"]["mfa.Authenticator"]
    assert [(row["type"], "data" in row) for row in rows] == [("totp", False)]
    assert "TOPSECRETSEED" not in privacy.user_data_export_json(person)


def test_data_export_leaves_out_what_the_user_did_to_other_peoples_rows(person):
    member = Member.objects.get(slug="quxley")
    member._history_user = person
    member.save()

    data = privacy.user_data_export(person)

    assert member.history.filter(history_user=person).count() == 1
    assert "members.HistoricalMember" not in data["related_records"]


def test_account_delete_with_wrong_password_keeps_everything(client, person):
    client.force_login(person)

    with translation.override("en"):
        url = reverse("accounts:account_delete")
    response = client.post(url, {"password": "not-my-password"})

    assert response.status_code == 400
    assert response.context["delete_form"].errors == {"password": ["The password is not correct."]}
    assert User.objects.filter(email=EMAIL).exists()


def test_account_delete_leaves_no_personal_data_in_any_table(client, person):
    member = Member.objects.get(slug="quxley")
    member.tagline_en = "Edited before leaving"
    member._history_user = person
    member.save()
    client.force_login(person)
    assert rows_mentioning(EMAIL, NAME) != []

    response = client.post(reverse("accounts:account_delete"), {"password": PASSWORD})

    assert response.status_code == 302
    assert rows_mentioning(EMAIL, NAME) == []
    assert rows_mentioning("Zofia", "Quxley-Wrenfield", "zofia.quxley") == []
    assert not User.objects.filter(pk=person.pk).exists()
    # The firm stays, and so do its history and the colleague's invitation.
    assert Member.objects.filter(slug="quxley", tagline_en="Edited before leaving").exists()
    assert member.history.count() == 2
    assert member.history.filter(history_user__isnull=False).count() == 0
    assert Invitation.objects.filter(email="colleague@example.org", invited_by=None).exists()
    application = MembershipApplication.objects.get(company_name="Quxley Lights")
    assert (application.contact_name, application.contact_email, application.contact_phone) == (
        "",
        f"deleted-{application.pk}@invalid",
        "",
    )
    assert LogEntry.objects.filter(object_repr__startswith="#").count() == 2
    # Logged out.
    assert client.get(reverse("accounts:settings")).status_code == 302


def test_export_and_delete_cover_the_users_other_addresses(person):
    EmailAddress.objects.create(user=person, email="Zofia.Work@example.org", verified=True, primary=False)
    InvitationFactory(email="zofia.work@example.org", member=Member.objects.get(slug="quxley"))
    MembershipApplicationFactory(contact_email="ZOFIA.WORK@example.org", contact_name="Z. Q.", company_name="Side Firm")

    data = privacy.user_data_export(person)
    privacy.user_delete(user=person)

    assert len(data["invitations_received"]) == 2
    assert sorted(a["company_name"] for a in data["applications_sent"]) == ["Quxley Lights", "Side Firm"]
    assert rows_mentioning("zofia.work@example.org") == []
    assert MembershipApplication.objects.get(company_name="Side Firm").contact_name == ""


def test_export_and_delete_cover_what_was_sent_under_the_users_address_without_logging_in(person):
    """A guest registration and the inquiries of the public forms name the person by address only."""
    guest = RegistrationFactory(user=None, email=EMAIL.upper(), name=NAME)
    inquiry = Inquiry.objects.create(email=EMAIL, name=NAME, message="We shoot in May.")
    production_inquiry = ProductionInquiryFactory(email=EMAIL, producer_name=NAME)
    strangers = Inquiry.objects.create(email="somebody.else@example.org", name="Somebody Else", message="Hi")

    data = privacy.user_data_export(person)
    privacy.user_delete(user=person)

    sent = data["sent_under_your_address"]
    assert [row["id"] for row in sent["events.Registration"]] == [guest.pk]
    assert [row["id"] for row in sent["members.Inquiry"]] == [inquiry.pk]
    assert [row["id"] for row in sent["productions.ProductionInquiry"]] == [production_inquiry.pk]
    assert rows_mentioning(EMAIL, NAME) == []
    inquiry.refresh_from_db()
    assert (inquiry.name, inquiry.email, inquiry.message) == ("", f"deleted-{inquiry.pk}@invalid", "We shoot in May.")
    strangers.refresh_from_db()
    assert (strangers.name, strangers.email) == ("Somebody Else", "somebody.else@example.org")


def test_account_delete_with_two_pending_applications_of_one_firm(person):
    """One sent from each of the user's addresses: anonymised, they must still differ."""
    EmailAddress.objects.create(user=person, email="zofia.home@example.org", verified=True, primary=False)
    MembershipApplicationFactory(contact_email="zofia.home@example.org", company_name="Quxley Lights")

    privacy.user_delete(user=person)

    assert rows_mentioning(EMAIL, NAME, "zofia.home@example.org") == []
    assert MembershipApplication.objects.filter(company_name="Quxley Lights", contact_name="").count() == 2


def test_account_delete_anonymises_rows_with_a_nullable_key_to_the_user(person):
    """Any app's registration-like row (nullable key + name/email) keeps existing, anonymised."""
    staff = UserFactory(is_staff=True, email="staff.member@example.org", name="Staff Member")
    InvitationFactory(email="someone@example.org", accepted_by=person)  # not an ACTOR_FIELDS key
    InvitationFactory(email="kept@example.org", invited_by=staff)

    privacy.user_delete(user=person)

    assert Invitation.objects.filter(email__startswith="deleted-", email__endswith="@invalid").count() == 1
    assert Invitation.objects.filter(email="kept@example.org", invited_by=staff).count() == 1


def test_user_relations_discovers_other_apps_and_history_tables():
    labels = {(model._meta.label, field) for model, field, _nullable, _m2m in privacy.user_relations()}

    assert ("accounts.Membership", "user") in labels
    assert ("account.EmailAddress", "user") in labels
    assert ("mfa.Authenticator", "user") in labels
    assert ("members.HistoricalMember", "history_user") in labels
    assert ("admin.LogEntry", "user") in labels


def test_account_delete_anonymises_event_registrations_and_lead_interest(client, person):
    """Other apps' rows with a nullable key to the user stay in the records, without the person."""
    from events.models import Registration
    from productions.models import LeadResponse
    from tests.factories.events import EventFactory, RegistrationFactory
    from tests.factories.productions import LeadResponseFactory

    event = EventFactory()
    other = UserFactory(email="second.leaver@example.org", name="Second Leaver")
    mine = RegistrationFactory(event=event, user=person, name=NAME, email=EMAIL)
    theirs = RegistrationFactory(event=event, user=other, name="Second Leaver", email="second.leaver@example.org")
    interest = LeadResponseFactory(user=person, member=Member.objects.get(slug="quxley"))

    privacy.user_delete(user=person)
    privacy.user_delete(user=other)  # a second anonymised registration for the same event

    assert rows_mentioning(EMAIL, NAME, "second.leaver@example.org", "Second Leaver") == []
    assert list(
        Registration.objects.filter(pk__in=[mine.pk, theirs.pk]).order_by("pk").values_list("user", "name", "email")
    ) == [
        (None, "", f"deleted-{mine.pk}@invalid"),
        (None, "", f"deleted-{theirs.pk}@invalid"),
    ]
    assert LeadResponse.objects.filter(pk=interest.pk, user=None, status="interested").exists()


def test_account_delete_ends_the_sessions_on_every_device(client, person):
    phone, laptop, other = Client(), Client(), Client()
    phone.force_login(person)
    laptop.force_login(person)
    other.force_login(UserFactory(email="someone.else@example.org"))
    laptop_key = laptop.cookies["sessionid"].value
    with translation.override("en"):
        url = reverse("accounts:account_delete")

    response = phone.post(url, {"password": PASSWORD})

    assert response.status_code == 302
    assert not Session.objects.filter(session_key=laptop_key).exists()
    assert cache.get(f"django.contrib.sessions.cached_db{laptop_key}") is None
    assert Session.objects.filter(session_key=other.cookies["sessionid"].value).exists()
    with translation.override("en"):
        assert laptop.get(reverse("accounts:privacy_center")).status_code == 302


def test_export_and_delete_cover_the_emails_in_the_outbox(person, mailoutbox, django_capture_on_commit_callbacks):
    EmailAddress.objects.create(user=person, email="Zofia.Work@example.org", verified=True, primary=False)
    with django_capture_on_commit_callbacks(execute=True):
        for address in (person.email, "zofia.work@example.org", "someone.else@example.org"):
            queue_email(to=[address], template="core/emails/test", context={"name": NAME}, language="en")

    data = privacy.user_data_export(person)
    privacy.user_delete(user=person)

    assert [e["subject"] for e in data["emails_sent_to_you"]] == ["Test message · Krakow Film Cluster"] * 2
    assert list(OutboundEmail.objects.values_list("recipients", flat=True)) == ["someone.else@example.org"]
