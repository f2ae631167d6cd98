"""What search engines read about a person: schema.org ``Person`` JSON-LD and the meta
description, from the public profile only (hidden contact details are never in them)."""

from __future__ import annotations

from django.utils.text import Truncator

from core.images import thumbnail_url

from .models import Person


def person_meta_description(person: Person) -> str:
    roles = ", ".join(role.name for role in person.roles.all())
    text = " · ".join(part for part in (roles, person.city, person.bio or "") if part)
    return Truncator(text).chars(160)


def person_json_ld(person: Person, request) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.name,
        "url": request.build_absolute_uri(person.get_absolute_url()),
        "jobTitle": [role.name for role in person.roles.all()],
        "homeLocation": {"@type": "Place", "name": person.city},
        "knowsLanguage": list(person.languages),
    }
    if person.bio:
        data["description"] = person.bio
    same_as = [url for url in (person.imdb_url, person.portfolio_url, person.showreel_url) if url]
    if same_as:
        data["sameAs"] = same_as
    if person.public_email:
        data["email"] = person.public_email
    if person.public_phone:
        data["telephone"] = person.public_phone
    if person.photo:
        photo = thumbnail_url(person.photo, 480, 480, crop=True)
        if photo:
            data["image"] = request.build_absolute_uri(photo)
    works_for = [firm.name for firm in person.firms.all()]
    if works_for:
        data["worksFor"] = [{"@type": "Organization", "name": name} for name in works_for]
    return data
