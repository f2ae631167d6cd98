"""Two desk fixes from a walkthrough: the coordinator converts an inquiry into a lead
from the inquiry's own page, and "Publish to members" says how many firms will receive
the lead before it is confirmed."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse

from productions.models import LeadAlertPreference, ProductionLead
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.members import MemberFactory, MemberServiceFactory
from tests.factories.productions import DraftLeadFactory, ProductionInquiryFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/productions/productionlead/"


def english(client, user):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def office(client, coordinator):
    return english(client, coordinator)


def convert_url(inquiry):
    return reverse("admin:productions_productioninquiry_convert", args=[inquiry.pk])


def publish_url(lead):
    return reverse("admin:productions_productionlead_publish", args=[lead.pk])


# --- Convert from the inquiry's page ---------------------------------------------------------


def test_inquiry_page_has_a_convert_button(office):
    inquiry = ProductionInquiryFactory()

    page = office.get(reverse("admin:productions_productioninquiry_change", args=[inquiry.pk])).text

    assert f'action="{convert_url(inquiry)}"' in page
    assert 'form="convert-inquiry"' in page
    assert "Convert to draft lead" in page


def test_convert_button_makes_a_draft_lead_and_opens_it(office, categories):
    inquiry = ProductionInquiryFactory(project_title="Winter Light", services_needed=[categories["camera"]])

    response = office.post(convert_url(inquiry))

    lead = ProductionLead.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:productions_productionlead_change", args=[lead.pk])
    assert (lead.title_en, lead.published_at, lead.inquiry_id) == ("Winter Light", None, inquiry.pk)
    page = office.get(reverse("admin:productions_productioninquiry_change", args=[inquiry.pk])).text
    assert "Open its lead" in page
    assert 'form="convert-inquiry"' not in page


def test_convert_button_twice_keeps_one_lead(office):
    inquiry = ProductionInquiryFactory()
    office.post(convert_url(inquiry))

    response = office.post(convert_url(inquiry), follow=True)

    assert ProductionLead.objects.count() == 1
    assert "This inquiry already has a lead." in response.text


def test_convert_is_post_only(office):
    inquiry = ProductionInquiryFactory()

    assert office.get(convert_url(inquiry)).status_code == 405
    assert ProductionLead.objects.count() == 0


@pytest.mark.parametrize("who", ["anonymous", "member", "other_member"])
def test_convert_refuses_anyone_but_the_office(client, member_user, other_user, who):
    inquiry = ProductionInquiryFactory()
    if who != "anonymous":
        client.force_login(member_user if who == "member" else other_user)

    response = client.post(convert_url(inquiry))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert ProductionLead.objects.count() == 0


def test_convert_refuses_staff_without_the_right_to_add_leads(client):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.set(
        Permission.objects.filter(codename__in=["view_productioninquiry", "change_productioninquiry"])
    )
    english(client, staff)
    inquiry = ProductionInquiryFactory()

    page = client.get(reverse("admin:productions_productioninquiry_change", args=[inquiry.pk])).text
    response = client.post(convert_url(inquiry))

    assert 'form="convert-inquiry"' not in page
    assert response.status_code == 403
    assert ProductionLead.objects.count() == 0


# --- Publish says how many firms will receive it ----------------------------------------------


@pytest.fixture
def audience(categories):
    """Two matching firms (three users, one of whom turned instant alerts off), one that
    does not match, and a suspended matching firm."""
    first = MemberFactory(name="Alpha")
    second = MemberFactory(name="Beta")
    for member in (first, second):
        MemberServiceFactory(member=member, category=categories["camera"])
    MemberServiceFactory(member=MemberFactory(name="Gamma"), category=categories["catering"])
    suspended = MemberFactory(name="Delta", status="suspended")
    MemberServiceFactory(member=suspended, category=categories["camera"])
    MembershipFactory(member=first)
    MembershipFactory(member=first)
    quiet = MembershipFactory(member=second).user
    LeadAlertPreference.objects.create(user=quiet, instant_lead_alerts=False)
    MembershipFactory(member=suspended)


def test_lead_page_offers_publish_with_the_count_before_confirming(office, categories, audience):
    draft = DraftLeadFactory(title_en="Winter Light", services_needed=[categories["camera"]])

    change_page = office.get(reverse("admin:productions_productionlead_change", args=[draft.pk])).text
    confirm = office.get(publish_url(draft))

    assert f'href="{publish_url(draft)}"' in change_page
    assert confirm.status_code == 200
    assert "2 firms will receive it" in confirm.text
    assert "2 people get an alert email now" in confirm.text
    assert ProductionLead.objects.get(pk=draft.pk).published_at is None  # nothing happens before the confirm


def test_publish_confirmed_on_the_lead_page_alerts_the_counted_people(
    office, categories, audience, mailoutbox, django_capture_on_commit_callbacks
):
    draft = DraftLeadFactory(services_needed=[categories["camera"]])

    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(publish_url(draft), follow=True)

    assert ProductionLead.objects.get(pk=draft.pk).published_at is not None
    assert len(mailoutbox) == 2
    assert "Published; 2 alert emails queued." in response.text


def test_publish_action_on_the_list_asks_first_with_counts(office, categories, audience):
    camera = DraftLeadFactory(title_en="Camera job", services_needed=[categories["camera"]])
    empty = DraftLeadFactory(title_en="Nobody job", services_needed=[categories["colour"]])

    response = office.post(CHANGELIST, {"action": "publish", "_selected_action": [camera.pk, empty.pk]})

    assert response.status_code == 200
    assert "2 firms will receive it" in response.text
    assert "0 firms will receive it" in response.text
    assert "No firm offers a service this lead needs" in response.text
    assert 'name="post" value="yes"' in response.text
    assert ProductionLead.objects.filter(published_at__isnull=False).count() == 0


def test_publish_confirm_page_in_polish(client, coordinator, categories, audience):
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    draft = DraftLeadFactory(services_needed=[categories["camera"]])

    response = client.get(publish_url(draft))

    assert "2 firmy otrzymają" in response.text


def test_publish_of_a_published_lead_says_nobody_is_alerted_again(office, categories, audience):
    lead = DraftLeadFactory(services_needed=[categories["camera"]])
    office.post(publish_url(lead))

    response = office.get(publish_url(lead))

    assert "already published; nobody is alerted again." in response.text


@pytest.mark.parametrize("who", ["anonymous", "member", "other_member"])
def test_publish_refuses_anyone_but_the_office(client, member_user, other_user, categories, who):
    draft = DraftLeadFactory(services_needed=[categories["camera"]])
    if who != "anonymous":
        client.force_login(member_user if who == "member" else other_user)

    for response in (client.get(publish_url(draft)), client.post(publish_url(draft))):
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert ProductionLead.objects.get().published_at is None


def test_publish_refuses_staff_who_may_only_view_leads(client, categories):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(codename="view_productionlead"))
    english(client, staff)
    draft = DraftLeadFactory(services_needed=[categories["camera"]])

    assert client.get(publish_url(draft)).status_code == 403
    assert client.post(publish_url(draft)).status_code == 403
    assert ProductionLead.objects.get().published_at is None
