"""Logos and gallery pictures leave storage, with their thumbnails, once the row that
held them is deleted or replaced, and only after the transaction commits."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from core.images import thumbnail_url
from members.models import GalleryImage, Member
from tests.factories.members import GalleryImageFactory, MemberFactory, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(name="logo.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def in_failing_transaction(action):
    """Run action in a transaction that then fails and rolls back."""
    with transaction.atomic():
        action()
        raise RuntimeError("the request failed after the change")


def thumbnails_of(field_file) -> list[str]:
    """Make two thumbnails of an image and return their storage names."""
    urls = [thumbnail_url(field_file, 160, 100), thumbnail_url(field_file, 320, 200, crop=True)]
    names = [url.removeprefix("/media/") for url in urls]
    assert all(default_storage.exists(name) for name in names)
    return names


def test_deleted_gallery_image_leaves_storage_with_its_thumbnails_after_commit(
    django_capture_on_commit_callbacks,
):
    picture = GalleryImageFactory()
    name = picture.image.name
    thumbs = thumbnails_of(picture.image)

    with django_capture_on_commit_callbacks() as callbacks:
        picture.delete()
    assert default_storage.exists(name)  # not before the commit
    for callback in callbacks:
        callback()

    assert not default_storage.exists(name)
    assert not any(default_storage.exists(thumb) for thumb in thumbs)


def test_thumbnail_url_of_a_deleted_image_is_not_served_from_cache(django_capture_on_commit_callbacks):
    picture = GalleryImageFactory()
    field_file = picture.image
    assert thumbnail_url(field_file, 160, 100)

    with django_capture_on_commit_callbacks(execute=True):
        picture.delete()

    # The cached URL is forgotten: the thumbnail would be made anew, and the image is gone.
    assert thumbnail_url(field_file, 160, 100) == ""


def test_replaced_logo_leaves_storage_and_the_new_one_stays(django_capture_on_commit_callbacks):
    member = MemberFactory(logo=upload())
    old_name = member.logo.name
    old_thumbs = thumbnails_of(member.logo)

    with django_capture_on_commit_callbacks(execute=True):
        member.logo = upload()
        member.save()

    assert member.logo.name != old_name
    assert not default_storage.exists(old_name)
    assert not any(default_storage.exists(thumb) for thumb in old_thumbs)
    assert default_storage.exists(member.logo.name)
    assert thumbnail_url(member.logo, 160, 100)


def test_cleared_logo_leaves_storage(django_capture_on_commit_callbacks):
    member = MemberFactory(logo=upload())
    old_name = member.logo.name

    with django_capture_on_commit_callbacks(execute=True):
        member.logo = ""
        member.save()

    assert not default_storage.exists(old_name)


def test_cleared_logo_through_the_company_form_leaves_storage(django_capture_on_commit_callbacks):
    from members.company_forms import CompanyProfileForm

    member = MemberFactory(logo=upload())
    old_name = member.logo.name
    data = {"name": member.name, "city": member.city, "languages": ["pl"], "logo-clear": "on"}
    form = CompanyProfileForm(data, {}, instance=member)
    assert form.is_valid(), form.errors

    with django_capture_on_commit_callbacks(execute=True):
        form.save()

    assert not Member.objects.get(pk=member.pk).logo
    assert not default_storage.exists(old_name)


def test_saving_a_member_without_a_new_logo_keeps_it(django_capture_on_commit_callbacks):
    member = MemberFactory(logo=upload())
    name = member.logo.name

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        member.name = "Renamed Studio"
        member.save()
        Member.objects.get(pk=member.pk).save(update_fields=["name"])

    assert callbacks == []
    assert default_storage.exists(name)


def test_deleted_member_takes_its_logo_and_gallery_with_it(django_capture_on_commit_callbacks):
    member = MemberFactory(logo=upload())
    picture = GalleryImageFactory(member=member)
    names = [member.logo.name, picture.image.name]
    thumbs = thumbnails_of(member.logo) + thumbnails_of(picture.image)

    with django_capture_on_commit_callbacks(execute=True):
        member.delete()

    assert not any(default_storage.exists(name) for name in names + thumbs)


def test_rolled_back_delete_keeps_the_file(django_capture_on_commit_callbacks):
    picture = GalleryImageFactory()
    pk, name = picture.pk, picture.image.name
    thumbs = thumbnails_of(picture.image)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            in_failing_transaction(picture.delete)

    assert callbacks == []
    assert GalleryImage.objects.filter(pk=pk).exists()
    assert default_storage.exists(name)
    assert all(default_storage.exists(thumb) for thumb in thumbs)


def test_rolled_back_logo_replacement_keeps_the_old_logo(django_capture_on_commit_callbacks):
    member = MemberFactory(logo=upload())
    old_name = member.logo.name

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        member.logo = upload()
        with pytest.raises(RuntimeError):
            in_failing_transaction(member.save)

    assert callbacks == []
    assert Member.objects.get(pk=member.pk).logo.name == old_name
    assert default_storage.exists(old_name)


def test_file_another_row_still_references_is_kept(django_capture_on_commit_callbacks):
    picture = GalleryImageFactory()
    name = picture.image.name
    other = GalleryImageFactory()
    other_name = other.image.name
    MemberFactory(logo=name)

    with django_capture_on_commit_callbacks(execute=True):
        other.image.name = name  # e.g. a picture copied to another profile
        other.save()
        picture.delete()
    assert default_storage.exists(name)  # still the other picture's and the logo's

    assert not default_storage.exists(other_name)  # replaced, and referenced by nobody


def test_cleanup_works_through_the_storage_api_alone(settings, django_capture_on_commit_callbacks):
    """No local paths: the same code runs on S3-compatible storage."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    picture = GalleryImageFactory()
    name = picture.image.name
    thumbs = thumbnails_of(picture.image)
    assert default_storage.__class__.__name__ != "FileSystemStorage"
    assert type(default_storage._wrapped).__name__ == "InMemoryStorage"

    with django_capture_on_commit_callbacks(execute=True):
        picture.delete()

    assert not default_storage.exists(name)
    assert not any(default_storage.exists(thumb) for thumb in thumbs)


def test_storage_failure_after_commit_does_not_break_the_request(monkeypatch, django_capture_on_commit_callbacks):
    picture = GalleryImageFactory()
    pk = picture.pk

    def refuse(name):
        raise OSError("storage is down")

    monkeypatch.setattr(type(picture.image.storage._wrapped), "delete", lambda self, name: refuse(name))
    with django_capture_on_commit_callbacks(execute=True):
        picture.delete()

    assert not GalleryImage.objects.filter(pk=pk).exists()
