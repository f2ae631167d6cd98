"""New images are re-encoded before they are stored: orientation applied, metadata gone,
extension and type from the decoded format."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from tests.factories.events import EventFactory

pytestmark = pytest.mark.django_db

GPS_LATITUDE = 0x8825  # the GPSInfo IFD tag


def jpeg_with_gps_and_rotation() -> bytes:
    image = Image.new("RGB", (60, 20), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x010E] = "secret description"
    exif.get_ifd(GPS_LATITUDE)[2] = (50.0, 3.0, 0.0)  # GPSLatitude
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes(), comment=b"made at home")
    return buffer.getvalue()


def gif_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("P", (10, 10)).save(buffer, "GIF")
    return buffer.getvalue()


def test_stored_jpeg_has_orientation_applied_and_no_metadata():
    event = EventFactory(image=SimpleUploadedFile("holiday.jpg", jpeg_with_gps_and_rotation(), "image/jpeg"))

    with default_storage.open(event.image.name) as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert image.size == (20, 60)  # turned upright
        assert dict(image.getexif()) == {}
        assert "comment" not in image.info
        assert "exif" not in image.info
    assert event.image.name.endswith(".jpg")


def test_extension_comes_from_the_decoded_format_not_the_name():
    event = EventFactory(image=SimpleUploadedFile("x.pdf", gif_bytes(), "application/pdf"))

    assert event.image.name.startswith("events/x")
    assert event.image.name.endswith(".gif")
    with default_storage.open(event.image.name) as stored, Image.open(stored) as image:
        assert image.format == "GIF"


def test_media_is_served_with_the_image_type_nosniff_and_inline(settings):
    event = EventFactory(image=SimpleUploadedFile("x.pdf", gif_bytes(), "application/pdf"))

    response = Client().get(f"{settings.MEDIA_URL}{event.image.name}")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == "inline"


def test_media_other_than_images_and_pdf_is_an_attachment(settings):
    default_storage.save("events/materials/page.html", io.BytesIO(b"<script>alert(1)</script>"))

    response = Client().get(f"{settings.MEDIA_URL}events/materials/page.html")

    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_stored_image_is_not_encoded_again_on_save():
    event = EventFactory(image=SimpleUploadedFile("a.png", gif_bytes(), "image/png"))
    name = event.image.name

    event.title_en = "Renamed"
    event.save()

    assert event.image.name == name
