import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core import images


def image_bytes(size=(40, 30), fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 40)).save(buffer, fmt)
    return buffer.getvalue()


def test_valid_png_passes():
    upload = SimpleUploadedFile("logo.png", image_bytes(), content_type="image/png")

    assert images.validate_image_upload(upload) is None
    assert upload.tell() == 0


def test_non_image_is_rejected_with_message():
    upload = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png")

    with pytest.raises(ValidationError) as excinfo:
        images.validate_image_upload(upload)

    assert excinfo.value.code == "not_an_image"


def test_oversized_file_is_rejected(monkeypatch):
    monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", 100)
    upload = SimpleUploadedFile("logo.png", image_bytes(), content_type="image/png")

    with pytest.raises(ValidationError) as excinfo:
        images.validate_image_upload(upload)

    assert excinfo.value.code == "too_large"


def test_decompression_bomb_is_rejected():
    # A 10,000 x 10,000 PNG of one colour compresses to a few hundred kilobytes.
    upload = SimpleUploadedFile("bomb.png", image_bytes(size=(10_000, 10_000)), content_type="image/png")

    with pytest.raises(ValidationError) as excinfo:
        images.validate_image_upload(upload)

    assert excinfo.value.code == "too_many_pixels"


def test_disallowed_format_is_rejected():
    upload = SimpleUploadedFile("logo.bmp", image_bytes(fmt="BMP"), content_type="image/bmp")

    with pytest.raises(ValidationError) as excinfo:
        images.validate_image_upload(upload)

    assert excinfo.value.code == "bad_format"


@pytest.mark.django_db
def test_thumbnail_is_made_once_and_then_served_from_cache(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.storage import default_storage

    name = default_storage.save("members/logos/a.png", io.BytesIO(image_bytes(size=(800, 600))))
    field_file = type("F", (), {"name": name, "__bool__": lambda self: True})()
    calls = []
    original = images.make_thumbnail
    monkeypatch.setattr(images, "make_thumbnail", lambda *a, **k: calls.append(a) or original(*a, **k))

    first = images.thumbnail_url(field_file, 200, 100)
    second = images.thumbnail_url(field_file, 200, 100)

    assert first == second
    assert first.endswith(".webp")
    assert len(calls) == 1
    with Image.open(tmp_path / first.removeprefix(settings.MEDIA_URL)) as thumb:
        assert thumb.size == (133, 100)
