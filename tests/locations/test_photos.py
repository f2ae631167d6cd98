"""Photos: validated uploads, stored without their location metadata."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from locations.forms import LocationPhotoForm
from locations.models import LocationPhoto
from tests.factories.locations import LocationFactory

pytestmark = pytest.mark.django_db


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 40), (10, 120, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[2] = (50.0, 3.0, 40.0)  # GPSLatitude
    gps[4] = (19.0, 56.0, 10.0)  # GPSLongitude
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_uploaded_photo_is_stored_without_exif_or_gps():
    location = LocationFactory()
    raw = _jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif()  # the phone's photo carries it

    form = LocationPhotoForm(
        {"alt_text_pl": "Widok", "alt_text_en": "View", "position": "0"},
        {"image": SimpleUploadedFile("p.jpg", raw, content_type="image/jpeg")},
        instance=LocationPhoto(location=location),
    )
    assert form.is_valid(), form.errors
    photo = form.save()

    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info


def test_an_upload_that_is_not_an_image_is_refused_next_to_the_field():
    form = LocationPhotoForm(
        {"alt_text_pl": "Widok", "position": "0"},
        {"image": SimpleUploadedFile("p.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")},
        instance=LocationPhoto(location=LocationFactory()),
    )

    assert not form.is_valid()
    assert form.errors["image"]
