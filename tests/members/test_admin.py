"""The coordinator's admin: lists with thumbnails, search, inlines, autocomplete, and
uploads that are checked (type, size, pixel count) with a message on the form."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core import images
from members.models import GalleryImage, Member
from tests.factories.accounts import CoordinatorFactory
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory, png_bytes

pytestmark = pytest.mark.django_db

ADMIN_MEMBER_LIST_QUERIES = 7
# Plus one per service row: Django's autocomplete widget looks up the category it shows.
ADMIN_MEMBER_CHANGE_QUERIES = 8
ADMIN_AUTOCOMPLETE_QUERIES = 4


@pytest.fixture
def admin_client(client):
    client.force_login(CoordinatorFactory())
    client.cookies["django_language"] = "en"  # the admin has no language prefix
    return client


def _value(bound_field):
    value = bound_field.value()
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return str(value)


def change_form_data(response) -> dict:
    """What the admin change form would post back unchanged (main form and inlines)."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, field in formset.management_form.fields.items():
            value = formset.management_form[name].value()
            data[f"{formset.prefix}-{name}"] = field.initial if value is None else value
        forms += list(formset.forms)
    for form in forms:
        for name in form.fields:
            value = _value(form[name])
            if value is not None:
                data[form.add_prefix(name)] = value
    return {key: value for key, value in data.items() if value is not None}


def bomb_png(width=10_000, height=10_000) -> bytes:
    """A valid 1-bit PNG of 100 megapixels in about 12 KB: a decompression bomb, made in
    milliseconds and without holding the pixels in memory."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte and one bit per pixel
    compressor = zlib.compressobj(9)
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def image_upload(content, name="logo.png"):
    return SimpleUploadedFile(name, content, content_type="image/png")


def test_admin_member_list_shows_thumbnails_and_searches(admin_client):
    MemberFactory(name="Kadr Studio", logo=image_upload(png_bytes()))
    MemberFactory(name="Other Firm")

    response = admin_client.get("/admin/members/member/", {"q": "kadr"})

    assert response.status_code == 200
    assert [m.name for m in response.context["cl"].result_list] == ["Kadr Studio"]
    assert '<img src="/media/thumbs/' in response.text


def test_admin_member_list_filters_by_status(admin_client):
    MemberFactory(name="Active Firm")
    MemberFactory(name="Former Firm", status=Member.Status.FORMER)

    response = admin_client.get("/admin/members/member/", {"status__exact": "former"})

    assert [m.name for m in response.context["cl"].result_list] == ["Former Firm"]


def test_admin_category_autocomplete_finds_categories(admin_client):
    ServiceCategoryFactory(slug="lighting", name_en="Lighting", name_pl="Oświetlenie")
    ServiceCategoryFactory(slug="sound", name_en="Sound", name_pl="Dźwięk")

    response = admin_client.get(
        "/admin/autocomplete/",
        {"term": "oświ", "app_label": "members", "model_name": "memberservice", "field_name": "category"},
    )

    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Lighting"]


def test_admin_change_form_saves_member_with_inlines_and_keeps_history(admin_client):
    member = MemberFactory(name="Kadr Studio")
    MemberServiceFactory(member=member)
    response = admin_client.get(f"/admin/members/member/{member.pk}/change/")
    data = change_form_data(response)
    data["description_en"] = "Now with a new English text."
    data["credits-0-title"] = "Cisza nad Rabą"
    data["credits-0-year"] = "2021"
    data["credits-0-kind"] = "feature"
    data["credits-0-role_pl"] = "zdjęcia"
    data["credits-0-role_en"] = "cinematography"

    response = admin_client.post(f"/admin/members/member/{member.pk}/change/", data)

    assert response.status_code == 302, [
        (f.formset.errors, f.formset.non_form_errors()) for f in response.context["inline_admin_formsets"]
    ]
    member.refresh_from_db()
    assert member.description_en == "Now with a new English text."
    assert list(member.credits.values_list("title", "role_en")) == [("Cisza nad Rabą", "cinematography")]
    assert member.history.first().description_en == "Now with a new English text."
    assert "cisza rabą" in member.search_document  # "nad" says nothing and is left out


@pytest.mark.parametrize(
    ("content", "limit", "message"),
    [
        (b"%PDF-1.4 not an image at all", None, "This file is not an image we can read."),
        (png_bytes(), 100, "The file is too large"),
        (bomb_png(), None, "The image is too large in pixels."),
    ],
    ids=["non-image", "oversized", "decompression-bomb"],
)
def test_admin_rejects_bad_logo_with_a_message(admin_client, monkeypatch, content, limit, message):
    if limit:
        monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", limit)
    member = MemberFactory(name="Kadr Studio")
    data = change_form_data(admin_client.get(f"/admin/members/member/{member.pk}/change/"))
    data["logo"] = image_upload(content)

    response = admin_client.post(f"/admin/members/member/{member.pk}/change/", data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["logo"]
    assert len(errors) == 1
    assert errors[0].startswith(message)
    assert message in response.text
    member.refresh_from_db()
    assert member.logo.name == ""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"GIF89a but not really", "This file is not an image we can read."),
        (bomb_png(), "The image is too large in pixels."),
    ],
    ids=["non-image", "decompression-bomb"],
)
def test_admin_rejects_bad_gallery_image_with_a_message(admin_client, content, message):
    member = MemberFactory(name="Kadr Studio")
    data = change_form_data(admin_client.get(f"/admin/members/member/{member.pk}/change/"))
    data["images-0-image"] = image_upload(content, "still.png")
    data["images-0-caption_en"] = "Still"

    response = admin_client.post(f"/admin/members/member/{member.pk}/change/", data)

    assert response.status_code == 200
    assert message in response.text
    assert GalleryImage.objects.count() == 0


def test_model_form_accepts_a_real_image_and_rejects_a_renamed_file():
    from django.forms import modelform_factory

    form_class = modelform_factory(GalleryImage, fields=["member", "image"])
    member = MemberFactory()

    translation.activate("en")
    good = form_class({"member": member.pk}, {"image": image_upload(png_bytes(), "a.png")})
    bad = form_class({"member": member.pk}, {"image": image_upload(b"<html>", "b.png")})

    assert good.is_valid(), good.errors
    assert not bad.is_valid()
    assert bad.errors["image"] == [
        "This file is not an image we can read. Please upload a JPEG, PNG, WebP or GIF file."
    ]


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_admin_is_closed_to_non_staff(client, who):
    from tests.factories.accounts import MembershipFactory

    if who == "member":
        client.force_login(MembershipFactory().user)

    response = client.get("/admin/members/member/")

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_admin_inquiry_list_shows_stored_inquiries(admin_client):
    from members.models import Inquiry

    inquiry = Inquiry.objects.create(name="Jane", email="jane@example.org", message="Hello")
    inquiry.recipients.set([MemberFactory()])

    response = admin_client.get("/admin/members/inquiry/")

    assert response.status_code == 200
    assert [i.name for i in response.context["cl"].result_list] == ["Jane"]


def _categories_in_use(count):
    area = ServiceCategoryFactory(slug="rental", name_en="Equipment rental")
    member = MemberFactory(name="Kadr Studio")
    for n in range(count):
        MemberServiceFactory(member=member, category=ServiceCategoryFactory(slug=f"c{n}", parent=area))
    return member


@pytest.mark.parametrize("count", [2, 20])
def test_admin_member_list_query_budget_is_independent_of_the_number_of_categories(
    admin_client, django_assert_num_queries, count
):
    _categories_in_use(count)

    with django_assert_num_queries(ADMIN_MEMBER_LIST_QUERIES):
        response = admin_client.get("/admin/members/member/")

    assert "Equipment rental › Service" in response.text


@pytest.mark.parametrize("count", [2, 20])
def test_admin_member_change_form_costs_one_query_per_service_row(admin_client, django_assert_num_queries, count):
    member = _categories_in_use(count)
    admin_client.get(f"/admin/members/member/{member.pk}/change/")  # warm the content-type cache

    with django_assert_num_queries(ADMIN_MEMBER_CHANGE_QUERIES + count):
        response = admin_client.get(f"/admin/members/member/{member.pk}/change/")

    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 20])
def test_admin_category_autocomplete_query_budget_is_independent_of_results(
    admin_client, django_assert_num_queries, count
):
    _categories_in_use(count)
    query = {"term": "", "app_label": "members", "model_name": "memberservice", "field_name": "category"}

    with django_assert_num_queries(ADMIN_AUTOCOMPLETE_QUERIES):
        response = admin_client.get("/admin/autocomplete/", query)

    assert len(response.json()["results"]) == min(count + 1, 20)  # the autocomplete pages by 20
