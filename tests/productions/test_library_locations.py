"""A production inquiry and a production lead name locations of the public library:
the producer picks them on the form, the coordinator sees them (email, admin), they are
carried into the lead, and members see them as links on the lead's page."""

import pytest
from django.conf import settings
from django.urls import reverse

from productions import services
from productions.models import ProductionInquiry, ProductionLead
from tests.factories.locations import LocationFactory
from tests.factories.members import MemberFactory
from tests.factories.productions import ProductionInquiryFactory, ProductionLeadFactory
from tests.productions.test_inquiry import _valid_data

pytestmark = pytest.mark.django_db

FORM = "/en/productions/inquiry/"


@pytest.fixture
def library(db):
    return {
        "mine": LocationFactory(
            slug="salt-mine", name_en="Salt mine", name_pl="Kopalnia soli", municipality="Wieliczka"
        ),
        "castle": LocationFactory(slug="castle", name_en="Castle", name_pl="Zamek", municipality="Niedzica"),
        "draft": LocationFactory(slug="draft", name_en="Draftplace", name_pl="Szkicownia", is_published=False),
        "of_hidden": LocationFactory(
            slug="shy", name_en="Shyplace", name_pl="Wstydliwe", manager=MemberFactory(slug="shy", is_public=False)
        ),
    }


@pytest.fixture
def admin_client_(client, coordinator):
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_inquiry_form_offers_only_public_locations(client, library):
    response = client.get(FORM)

    assert response.status_code == 200
    assert "Salt mine (Wieliczka)" in response.text
    assert "Castle (Niedzica)" in response.text
    assert "Draftplace" not in response.text
    assert "Shyplace" not in response.text


def test_inquiry_names_library_locations_and_the_coordinator_sees_them(
    client, categories, library, mailoutbox, django_capture_on_commit_callbacks
):
    data = _valid_data(categories, library_locations=[library["mine"].pk, library["castle"].pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM, data)

    assert response.status_code == 302
    inquiry = ProductionInquiry.objects.get()
    assert sorted(inquiry.library_locations.values_list("slug", flat=True)) == ["castle", "salt-mine"]
    coordinator_mail = mailoutbox[1]
    assert coordinator_mail.to == [settings.COORDINATOR_EMAIL]
    # The office's email is in the installation's language (Polish), with the locations' pages.
    assert f"Zamek ({settings.SITE_URL}/pl/locations/castle/)" in coordinator_mail.body
    assert f'href="{settings.SITE_URL}/pl/locations/salt-mine/"' in coordinator_mail.alternatives[0][0]


def test_inquiry_without_library_locations_is_still_fine(client, categories, library):
    response = client.post(FORM, _valid_data(categories))

    assert response.status_code == 302
    assert ProductionInquiry.objects.get().library_locations.count() == 0


@pytest.mark.parametrize("which", ["draft", "of_hidden"])
def test_inquiry_naming_a_location_the_public_cannot_see_is_refused_next_to_the_field(
    client, categories, library, which
):
    data = _valid_data(categories, project_title="Kept <i>title</i>", library_locations=[library[which].pk])

    response = client.post(FORM, data)

    assert response.status_code == 400
    assert "is not one of the available choices" in " ".join(response.context["form"].errors["library_locations"])
    assert 'id="id_library_locations_errors"' in response.text
    assert 'value="Kept &lt;i&gt;title&lt;/i&gt;"' in response.text
    assert ProductionInquiry.objects.count() == 0


def test_inquiry_with_too_many_locations_says_so_next_to_the_field(client, categories):
    many = [LocationFactory(slug=f"place-{n}").pk for n in range(21)]

    response = client.post(FORM, _valid_data(categories, library_locations=many))

    assert response.status_code == 400
    assert response.context["form"].errors["library_locations"] == [
        "Please choose at most 20 locations; name the others in your message."
    ]
    assert response.text.count("checked") >= 21  # the choices are kept


def test_inquiry_form_in_polish_names_the_library(client, library):
    response = client.get("/pl/productions/inquiry/")

    assert "Lokacje z naszej biblioteki" in response.text
    assert "Kopalnia soli (Wieliczka)" in response.text


def test_converting_an_inquiry_carries_its_library_locations_into_the_lead(library, coordinator):
    inquiry = ProductionInquiryFactory()
    inquiry.library_locations.set([library["mine"], library["castle"]])

    lead = services.inquiry_convert_to_lead(inquiry=inquiry, user=coordinator)

    assert sorted(lead.library_locations.values_list("slug", flat=True)) == ["castle", "salt-mine"]


def test_lead_page_shows_its_library_locations_as_links_to_members(client, member_user, library):
    lead = ProductionLeadFactory()
    lead.library_locations.set([library["mine"], library["draft"]])
    client.force_login(member_user)

    response = client.get(f"/en/productions/{lead.pk}/")

    assert response.status_code == 200
    assert '<a href="/en/locations/salt-mine/">Salt mine</a> · Wieliczka' in response.text
    assert "Draftplace" not in response.text  # no public page to link to


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_lead_page_with_locations_stays_members_only(client, library, outsider, who):
    lead = ProductionLeadFactory()
    lead.library_locations.set([library["mine"]])
    if who == "outsider":
        client.force_login(outsider)

    response = client.get(f"/en/productions/{lead.pk}/")

    assert "Salt mine" not in response.text
    assert response.status_code in {302, 403}


def test_admin_lead_form_names_library_locations(admin_client_, library):
    lead = ProductionLeadFactory(status="confirmed")
    url = f"/admin/productions/productionlead/{lead.pk}/change/"
    form = admin_client_.get(url).context["adminform"].form
    data = {
        name: form[name].value() or "" for name in form.fields if name not in {"services_needed", "library_locations"}
    }
    data.update(
        {
            "library_locations": [library["mine"].pk, library["draft"].pk],
            "responses-TOTAL_FORMS": 0,
            "responses-INITIAL_FORMS": 0,
            "status_changes-TOTAL_FORMS": 0,
            "status_changes-INITIAL_FORMS": 1,
        }
    )

    response = admin_client_.post(url, data)

    assert response.status_code == 302
    assert sorted(lead.library_locations.values_list("slug", flat=True)) == ["draft", "salt-mine"]
    page = admin_client_.get(url).text
    assert 'Draftplace, <a href="/en/locations/salt-mine/">Salt mine</a>' in page


def test_admin_inquiry_page_shows_the_named_locations(admin_client_, library):
    inquiry = ProductionInquiryFactory()
    inquiry.library_locations.set([library["castle"]])

    page = admin_client_.get(reverse("admin:productions_productioninquiry_change", args=[inquiry.pk])).text

    assert '<a href="/en/locations/castle/">Castle</a>' in page


def test_lead_library_locations_do_not_enter_the_showcase_before_it_is_public(client, library):
    lead = ProductionLeadFactory(status=ProductionLead.Status.SHOOTING)
    lead.library_locations.set([library["mine"]])

    response = client.get("/en/locations/salt-mine/")

    assert lead.title_en not in response.text
