"""What the people area shows on the home page: a few public crew and artists and the
departments they cover, in two queries (core.home caches them)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.http import urlencode

from core import home
from core.images import thumbnail_url

from . import selectors
from .models import PUBLIC_NOW, Department, Period, Person, Role

SHOWN = 4


def people_section() -> dict:
    people = selectors.people_for_list().order_by("-updated_at", "pk")[:SHOWN]
    departments = (
        Department.objects.annotate(
            people_count=Count(
                "roles__people",
                filter=Q(**{f"roles__people__{key}": value for key, value in PUBLIC_NOW.children}),
                distinct=True,
            )
        )
        .filter(people_count__gt=0)
        .order_by("position", "slug")
    )
    list_url = reverse("people:list")
    return {
        "people": [
            {
                "name": person.name,
                "url": person.get_absolute_url(),
                "city": person.city,
                "roles": ", ".join(role.name for role in person.roles.all()[:2]),
                "photo_url": thumbnail_url(person.photo, 240, 240, crop=True) if person.photo else "",
            }
            for person in people
        ],
        "departments": [
            {"name": d.name, "count": d.people_count, "url": f"{list_url}?{urlencode({'department': d.slug})}"}
            for d in departments
        ],
        "list_url": list_url,
    }


def register() -> None:
    home.register(
        "people",
        template="people/_home_people.html",
        build=people_section,
        order=35,
        invalidated_by=(Person, Role, Department, Period),
    )
