"""What search engines and link previews read about a member profile."""

from __future__ import annotations

from django.utils.text import Truncator

from core.images import thumbnail_url


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
