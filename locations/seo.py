"""What search engines and link previews read about a location: public fields only
(the public position, the municipality; never the exact address or contacts)."""

from __future__ import annotations

from django.utils.text import Truncator

from core.images import thumbnail_url


def location_meta_description(location) -> str:
    text = f"{location.name}, {location.municipality}. {location.description or ''}".strip()
    return Truncator(" ".join(text.split())).chars(160)


def location_image_url(location, request) -> str:
    photos = list(location.photos.all())
    url = thumbnail_url(photos[0].image, 1200, 630, crop=True) if photos else ""
    return request.build_absolute_uri(url) if url else ""


def place_json_ld(location, request) -> dict:
    latitude, longitude = location.public_position()
    data = {
        "@context": "https://schema.org",
        "@type": "Place",
        "name": location.name,
        "url": request.build_absolute_uri(location.get_absolute_url()),
        "description": location_meta_description(location),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": location.municipality,
            "addressRegion": location.region,
            "addressCountry": "PL",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": latitude, "longitude": longitude},
    }
    image = location_image_url(location, request)
    if image:
        data["image"] = image
    return data
