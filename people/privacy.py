"""A person's profile in the user's data export and erasure (registered with ``accounts.privacy`` in ``apps.ready``).

The export adds the profile's credits and periods to the profile row the export finds
itself (its key to the user). Erasure deletes the profile with its credits, periods and
the record of inquiries it received: a crew member's profile is their own personal data,
and blanking it would leave a nameless public page.
"""

from __future__ import annotations

from django.core import serializers

from .models import Period, Person, PersonCredit


def _rows(queryset) -> list[dict]:
    return [{"id": item["pk"], **item["fields"]} for item in serializers.serialize("python", queryset)]


def person_export(user) -> dict:
    person = Person.objects.filter(user=user).first()
    if person is None:
        return {}
    return {
        "profile": _rows(Person.objects.filter(pk=person.pk))[0],
        "credits": _rows(PersonCredit.objects.filter(person=person).order_by("pk")),
        "periods": _rows(Period.objects.filter(person=person).order_by("pk")),
    }


def person_erase(user) -> int:
    deleted, _rows_by_model = Person.objects.filter(user=user).delete()
    return deleted
