"""What search engines and link previews read about a member profile and the catalogue."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.text import Truncator

from core.i18n import translate_path
from core.images import thumbnail_url

from .selectors import FACETS

# Query parameters that make a catalogue page one of countless variants of the listing:
# the filters, the free-text search, the sort order and the page size.
CATALOGUE_VARIANT_PARAMETERS = ("q", *FACETS, "sort", "per_page", "verbatim")


def member_meta_description(member) -> str:
    text = member.tagline or member.description or ""
    text = f"{member.name}, {member.city}. {text}".strip()
    return Truncator(" ".join(text.split())).chars(160)


def member_image_url(member, request) -> str:
    url = thumbnail_url(member.logo, 600, 315, crop=True) if member.logo else ""
    return request.build_absolute_uri(url) if url else ""


def organization_json_ld(member, request) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": member.name,
        "url": request.build_absolute_uri(member.get_absolute_url()),
        "description": member_meta_description(member),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": member.city,
            "addressCountry": "PL",
        },
    }
    if member.address:
        data["address"]["streetAddress"] = member.address
    if member.postal_code:
        data["address"]["postalCode"] = member.postal_code
    if member.email:
        data["email"] = member.email
    if member.phone:
        data["telephone"] = member.phone
    if member.website:
        data["sameAs"] = [member.website]
    if member.year_founded:
        data["foundingDate"] = str(member.year_founded)
    image = member_image_url(member, request)
    if image:
        data["logo"] = image
    services = [service.category.name for service in member.services.all()]
    if services:
        data["knowsAbout"] = services
    return data


def catalogue_is_variant(params) -> bool:
    """Whether a filter, search, sort or page size is chosen (blank values choose nothing)."""
    return any(value.strip() for name in CATALOGUE_VARIANT_PARAMETERS for value in params.getlist(name))


def catalogue_head(request, page_number: int) -> dict:
    """Canonical URL, robots rule and hreflang alternates of a catalogue page.

    Every variant (filtered, searched, sorted, another page size) names the plain
    catalogue in the same language as canonical and is kept out of the index, while its
    links are still followed. The plain catalogue's own page N (N > 1) is a page of its
    own and keeps ``?page=N``; a variant's page N names the plain first page, since the
    plain page N lists other members. Alternates name the canonical page in every
    language, so they never point at a variant either.
    """
    path = reverse("members:list")
    variant = catalogue_is_variant(request.GET)
    if page_number > 1 and not variant:
        path = f"{path}?page={page_number}"
    return {
        "canonical_url": request.build_absolute_uri(path),
        "noindex": variant,
        "alternates": [
            {"code": code, "url": request.build_absolute_uri(translate_path(path, code))}
            for code, _label in settings.LANGUAGES
        ],
    }
