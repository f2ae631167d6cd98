"""The home page's locations: a few public locations with their first photo, in one
query (``core.home`` caches them until a location, photo or member changes)."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.db.models.fields.files import ImageFieldFile
from django.utils.translation import get_language

from core import home
from core.images import thumbnail_url
from members.models import Member

from . import selectors
from .models import Location, LocationPhoto

SHOWN = 4


def featured() -> dict:
    first = LocationPhoto.objects.filter(location=OuterRef("pk")).order_by("position", "id")
    locations = (
        selectors.public_locations()
        .annotate(
            photo_name=Subquery(first.values("image")[:1]),
            photo_alt_pl=Subquery(first.values("alt_text_pl")[:1]),
            photo_alt_en=Subquery(first.values("alt_text_en")[:1]),
        )
        .filter(photo_name__isnull=False)
        .order_by("-updated_at", "id")[:SHOWN]
    )
    image_field = LocationPhoto._meta.get_field("image")
    preferred, other = ("photo_alt_en", "photo_alt_pl") if get_language() == "en" else ("photo_alt_pl", "photo_alt_en")
    cards = []
    for location in locations:
        cards.append(
            {
                "name": location.name,
                "municipality": location.municipality,
                "url": location.get_absolute_url(),
                "image_url": thumbnail_url(ImageFieldFile(None, image_field, location.photo_name), 480, 300, crop=True),
                "image_alt": getattr(location, preferred) or getattr(location, other) or "",
            }
        )
    return {"locations": cards}


def register() -> None:
    home.register(
        "locations",
        template="locations/_home_locations.html",
        build=featured,
        order=35,
        invalidated_by=(Location, LocationPhoto, Member),
    )
