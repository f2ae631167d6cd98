"""Writes of the locations area: search documents, photos without location metadata,
a firm's own locations, and the inquiries producers send about locations.

An inquiry from the shortlist that names locations is recorded (``LocationInquiry``) and
emailed to each managing firm once, naming its locations, in the firm's language; the
cluster office receives the same for the locations it manages itself.
"""

from __future__ import annotations

import io
from collections import defaultdict

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps

from core import generations
from core.emails import queue_email
from core.search import indexing
from members.services import member_contact_emails, member_email_language

from .models import Location, LocationInquiry, LocationPhoto
from .search import GENERATION, is_public, location_groups


def location_refresh_search(*, location_id: int) -> None:
    location = Location.objects.prefetch_related("categories__parent").select_related("manager").get(pk=location_id)
    indexing.refresh(Location, location, location_groups, public=is_public)
    generations.bump_on_commit(GENERATION)


def strip_image_metadata(upload) -> ContentFile:
    """The picture re-encoded without its EXIF, XMP and GPS data (a phone photo carries
    the exact place it was taken), upright as it was shown."""
    upload.seek(0)
    with Image.open(upload) as image:
        image_format = image.format or "JPEG"
        upright = ImageOps.exif_transpose(image)
        if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        buffer = io.BytesIO()
        upright.save(buffer, image_format, **({"quality": 90} if image_format in ("JPEG", "WEBP") else {}))
    return ContentFile(buffer.getvalue(), name=upload.name.rsplit("/", 1)[-1])


def photo_prepare(photo: LocationPhoto) -> None:
    """Strip a newly uploaded photo's metadata before it is stored."""
    image = photo.image
    if image and not getattr(image, "_committed", True):
        photo.image = strip_image_metadata(image.file)


@transaction.atomic
def location_save(*, form, photos=None) -> Location:
    """Save a firm's location from its editor (the form sets the manager)."""
    location = form.save()
    if photos is not None:
        photos.instance = location
        photos.save()
    location_refresh_search(location_id=location.pk)
    return location


@transaction.atomic
def location_inquiry_send(*, inquiry, locations: list[Location]) -> None:
    by_manager: dict[int | None, list[Location]] = defaultdict(list)
    managers = {}
    for location in locations:
        LocationInquiry.objects.get_or_create(inquiry=inquiry, location=location)
        by_manager[location.manager_id].append(location)
        managers[location.manager_id] = location.manager
    for manager_id, asked in by_manager.items():
        manager = managers[manager_id]
        queue_email(
            to=member_contact_emails(manager) if manager else [settings.COORDINATOR_EMAIL],
            template="locations/emails/inquiry",
            context={"inquiry": inquiry, "member": manager, "locations": asked},
            language=member_email_language(manager) if manager else settings.LANGUAGE_CODE,
            reply_to=[inquiry.email],
        )
