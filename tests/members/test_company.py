"""The "My company" editor: the firm's own fields in PL and EN, logo, services, lists."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from accounts.models import Membership
from members.models import Member, MemberService
from tests.factories.accounts import MembershipApplicationFactory, MembershipFactory, UserFactory
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory

pytestmark = pytest.mark.django_db


def png_upload(name="logo.png", size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#7a1f2b").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def profile_data(member: Member, **changes) -> dict:
    data = {
        "name": member.name,
        "tagline_pl": member.tagline_pl or "",
        "tagline_en": member.tagline_en or "",
        "description_pl": member.description_pl or "",
        "description_en": member.description_en or "",
        "city": member.city,
        "address": "",
        "postal_code": "",
        "website": "",
        "email": member.email,
        "phone": "",
        "year_founded": "",
        "size_band": "",
        "languages": ["pl", "en"],
        # As the browser sends the form as rendered: the map choice ticked, no position.
        **({"show_on_map": "on"} if member.show_on_map else {}),
        "services-TOTAL_FORMS": "0",
        "services-INITIAL_FORMS": "0",
        "services-MIN_NUM_FORMS": "0",
        "services-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


@pytest.fixture
def editor(client):
    membership = MembershipFactory(role=Membership.Role.EDITOR, member=MemberFactory(slug="kadr", name="Kadr"))
    client.force_login(membership.user)
    return membership


def edit_url(slug="kadr"):
    return f"/en/my-company/{slug}/"


def test_company_edit_saves_both_languages_and_logo(client, editor):
    data = profile_data(editor.member, description_en="We light night shoots.", description_pl="Oświetlamy noce.")
    data["logo"] = png_upload()

    response = client.post(edit_url(), data)

    assert response.status_code == 302
    member = Member.objects.get(pk=editor.member_id)
    assert (member.description_en, member.description_pl) == ("We light night shoots.", "Oświetlamy noce.")
    assert member.logo.name.startswith("members/logos/logo")


def test_company_edit_with_invalid_logo_keeps_everything_typed(client, editor):
    data = profile_data(editor.member, description_en="Typed but not saved.", tagline_pl="Nowe hasło")
    data["logo"] = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png")

    response = client.post(edit_url(), data)

    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == ["logo"]
    assert form["description_en"].value() == "Typed but not saved."
    assert form["tagline_pl"].value() == "Nowe hasło"
    assert "Nothing was saved yet" in response.content.decode()
    assert Member.objects.get(pk=editor.member_id).description_en == "A film company from Krakow."


def test_company_edit_with_a_future_founding_year_is_refused(client, editor):
    next_year = timezone.localdate().year + 1

    response = client.post(edit_url(), profile_data(editor.member, year_founded=str(next_year), tagline_en="Kept"))

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "year_founded": [f"Please enter a year between 1800 and {next_year - 1}."]
    }
    assert response.context["form"]["tagline_en"].value() == "Kept"


def test_company_edit_with_pixel_bomb_logo_is_refused(client, editor, monkeypatch):
    monkeypatch.setattr("core.images.MAX_PIXELS", 100)
    data = profile_data(editor.member)
    data["logo"] = png_upload(size=(20, 20))

    response = client.post(edit_url(), data)

    assert response.status_code == 400
    assert response.context["form"].errors["logo"] == [
        "The image is too large in pixels. Please upload at most 0 megapixels."
    ]


def test_company_edit_adds_changes_and_removes_services(client, editor):
    keep = MemberServiceFactory(member=editor.member, category=ServiceCategoryFactory(slug="lights"))
    drop = MemberServiceFactory(member=editor.member, category=ServiceCategoryFactory(slug="cameras"))
    new_category = ServiceCategoryFactory(slug="grip")
    data = profile_data(
        editor.member,
        **{
            "services-TOTAL_FORMS": "3",
            "services-INITIAL_FORMS": "2",
            "services-0-id": str(keep.pk),
            "services-0-category": str(keep.category_id),
            "services-0-description_en": "HMI and LED",
            "services-0-description_pl": "HMI i LED",
            "services-1-id": str(drop.pk),
            "services-1-category": str(drop.category_id),
            "services-1-DELETE": "on",
            "services-2-category": str(new_category.pk),
            "services-2-description_en": "Dollies",
        },
    )

    response = client.post(edit_url(), data)

    assert response.status_code == 302
    rows = MemberService.objects.filter(member=editor.member).order_by("category__slug")
    assert [(s.category.slug, s.description_en) for s in rows] == [("grip", "Dollies"), ("lights", "HMI and LED")]


def test_company_edit_refuses_the_same_service_twice(client, editor):
    category = ServiceCategoryFactory()
    data = profile_data(
        editor.member,
        **{
            "services-TOTAL_FORMS": "2",
            "services-0-category": str(category.pk),
            "services-1-category": str(category.pk),
        },
    )

    response = client.post(edit_url(), data)

    assert response.status_code == 400
    assert response.context["formset"].forms[1].errors == {"category": ["This service is already on the list."]}
    assert MemberService.objects.count() == 0


def test_company_edit_does_not_touch_coordinator_fields(client, editor):
    data = profile_data(editor.member, status="suspended", is_public="", slug="stolen")

    client.post(edit_url(), data)

    member = Member.objects.get(pk=editor.member_id)
    assert (member.status, member.is_public, member.slug) == ("active", True, "kadr")


def test_company_from_application_is_published_once_complete(client):
    member = MemberFactory(slug="fresh", is_public=False, description_en="")
    MembershipApplicationFactory(status="approved", member=member, publish_when_complete=True)
    membership = MembershipFactory(member=member)
    client.force_login(membership.user)
    category = ServiceCategoryFactory()

    incomplete = client.post(edit_url("fresh"), profile_data(member, description_en="Now in English."))
    member.refresh_from_db()
    was_public = member.is_public
    data = profile_data(
        member, description_en="Now in English.", **{"services-TOTAL_FORMS": "1", "services-0-category": category.pk}
    )
    data["logo"] = png_upload()
    complete = client.post(edit_url("fresh"), data)
    member.refresh_from_db()

    assert (incomplete.status_code, complete.status_code) == (302, 302)
    assert was_public is False
    assert member.is_public is True
    assert member.application.publish_when_complete is False


def test_company_hidden_by_coordinator_stays_hidden_on_save(client, editor):
    Member.objects.filter(pk=editor.member_id).update(is_public=False)

    client.post(edit_url(), profile_data(editor.member))

    assert Member.objects.get(pk=editor.member_id).is_public is False


def test_company_preview_shows_both_languages(client, editor):
    response = client.get(reverse("members:company_preview", kwargs={"slug": "kadr"}))

    body = response.content.decode()
    assert response.status_code == 200
    assert "A film company from Krakow." in body
    assert "Firma filmowa z Krakowa." in body
    assert body.count("<h1") == 1


def test_company_history_records_who_changed_what(client, editor):
    editor.user.name = "Edna Editor"
    editor.user.save()
    client.post(edit_url(), profile_data(editor.member, description_en="Changed words."))

    response = client.get(reverse("members:company_history", kwargs={"slug": "kadr"}))

    entries = response.context["entries"]
    assert entries[0]["user"] == editor.user
    with translation.override("en"):
        assert [str(label) for label in entries[0]["changed"]] == ["description [en]"]
    assert "Edna Editor" in response.content.decode()


def test_company_history_includes_changes_to_the_lists(client, editor):
    category = ServiceCategoryFactory(name_en="Lighting", name_pl="Oświetlenie")
    data = profile_data(editor.member, **{"services-TOTAL_FORMS": "1", "services-0-category": category.pk})
    client.post(edit_url(), data)

    response = client.get("/en/my-company/kadr/history/")

    first = response.context["entries"][0]
    assert (first["user"], str(first["type"]), str(first["what"]), first["label"]) == (
        editor.user,
        "Created",
        "service offered",
        "Lighting",
    )
    assert "“Lighting”" in response.content.decode()


@pytest.mark.parametrize("count", [5, 50])
def test_company_history_query_budget(client, editor, django_assert_num_queries, count):
    member = editor.member
    for index in range(count):
        member.tagline_en = f"Tagline {index}"
        member.save()
        MemberServiceFactory(member=member)

    # session, user, member + its services, the user's membership, completeness, the history
    # of the firm and of its four lists
    with django_assert_num_queries(11):
        response = client.get(reverse("members:company_history", kwargs={"slug": "kadr"}))

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 8])
def test_company_edit_page_query_budget(client, editor, django_assert_num_queries, count):
    services = [MemberServiceFactory(member=editor.member) for _index in range(count)]

    # user, member + its services, the user's membership, completeness (services), the
    # services formset, the category choices shared by its rows (count and list)
    with django_assert_num_queries(9):
        response = client.get(edit_url())

    body = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["formset"].initial_forms) == count
    for service in services:
        assert f'<option value="{service.category_id}" selected>' in body


def test_company_list_credits_saves_rows(client, editor):
    url = reverse("members:company_list", kwargs={"slug": "kadr", "kind": "credits"})
    data = {
        "credits-TOTAL_FORMS": "1",
        "credits-INITIAL_FORMS": "0",
        "credits-0-title": "Night Train",
        "credits-0-year": "2024",
        "credits-0-kind": "feature",
        "credits-0-role_en": "Lighting",
        "credits-0-role_pl": "Oświetlenie",
        "credits-0-url": "",
    }

    response = client.post(url, data)

    assert response.status_code == 302
    assert list(editor.member.credits.values_list("title", "year", "role_en")) == [("Night Train", 2024, "Lighting")]


def test_company_list_gallery_refuses_a_non_image_and_keeps_the_caption(client, editor):
    url = reverse("members:company_list", kwargs={"slug": "kadr", "kind": "gallery"})
    data = {
        "gallery-TOTAL_FORMS": "1",
        "gallery-INITIAL_FORMS": "0",
        "gallery-0-image": SimpleUploadedFile("a.jpg", b"not an image", content_type="image/jpeg"),
        "gallery-0-caption_en": "Our stage",
        "gallery-0-position": "1",
    }

    response = client.post(url, data)

    assert response.status_code == 400
    form = response.context["formset"].forms[0]
    assert "image" in form.errors
    assert form["caption_en"].value() == "Our stage"


def test_company_list_unknown_kind_is_404(client, editor):
    response = client.get(reverse("members:company_list", kwargs={"slug": "kadr", "kind": "secrets"}))

    assert response.status_code == 404


@pytest.mark.parametrize("language", ["pl", "en"])
def test_company_editor_page_in_each_language(client, editor, language):
    response = client.get(f"/{language}/my-company/kadr/")

    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1
    assert f'lang="{language}"' in response.content.decode()


def test_company_index_redirects_a_single_firm_user_to_the_editor(client):
    membership = MembershipFactory(member=MemberFactory(slug="solo"))
    client.force_login(membership.user)

    response = client.get("/pl/my-company/")

    assert response["Location"] == "/pl/my-company/solo/"


def test_company_index_of_a_user_without_firm_explains(client):
    client.force_login(UserFactory())

    response = client.get("/en/my-company/")

    assert response.status_code == 200
    assert "does not belong to any member firm" in response.content.decode()


def test_company_gallery_upload_reorder_and_remove(client, editor):
    url = "/en/my-company/kadr/gallery/"
    management = {"gallery-INITIAL_FORMS": "0", "gallery-TOTAL_FORMS": "2"}
    client.post(
        url,
        {
            **management,
            "gallery-0-image": png_upload("stage.png"),
            "gallery-0-caption_en": "Our stage",
            "gallery-0-position": "1",
            "gallery-1-image": png_upload("truck.png"),
            "gallery-1-caption_en": "Our truck",
            "gallery-1-position": "2",
        },
    )
    stage, truck = editor.member.images.order_by("position")
    assert [i.caption_en for i in (stage, truck)] == ["Our stage", "Our truck"]

    response = client.post(
        url,
        {
            "gallery-INITIAL_FORMS": "2",
            "gallery-TOTAL_FORMS": "2",
            "gallery-0-id": stage.pk,
            "gallery-0-caption_en": "Our stage",
            "gallery-0-position": "5",
            "gallery-0-DELETE": "on",
            "gallery-1-id": truck.pk,
            "gallery-1-caption_en": "Our big truck",
            "gallery-1-position": "0",
        },
    )

    assert response.status_code == 302
    assert list(editor.member.images.values_list("caption_en", "position")) == [("Our big truck", 0)]
    page = client.get(url)
    assert 'alt="Our big truck"' in page.content.decode()
