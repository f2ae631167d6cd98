"""People in the site search: public profiles only (opted in and active); a hidden
profile's words never reach the documents the vocabulary reads, and contact details are
never part of a document."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core.search import indexing
from core.search.registry import SearchGroup, SearchHit

from .models import Person

GENERATION = "people"


def person_groups(person: Person) -> dict[str, list]:
    names = [person.name]
    for role in person.roles.all():
        names += [role.name_pl, role.name_en, role.department.name_pl, role.department.name_en]
    credits = []
    for credit in person.credits.all():
        credits += [credit.title, credit.role]
    return {"A": names, "B": [person.bio_pl, person.bio_en], "C": credits, "D": [person.city]}


def _indexed():
    return Person.objects.prefetch_related("roles__department", "credits")


class PeopleSearch:
    kind = "people"
    order = 20

    def label(self) -> str:
        return str(_("People"))

    def search(self, query, *, user, limit):
        people, total = indexing.ranked(
            Person.objects.filter(is_public=True, is_active=True).only("pk", "name", "slug", "city"),
            query,
            limit=limit,
            then=("name",),
        )
        hits = [SearchHit(title=p.name, url=p.get_absolute_url(), meta=p.city) for p in people]
        more = f"{reverse('people:list')}?{urlencode({'q': query.text})}"
        return SearchGroup(kind=self.kind, label=self.label(), total=total, hits=hits, more_url=more)

    def documents(self):
        return [Person.objects.filter(is_public=True, is_active=True)]

    def rebuild(self) -> int:
        return indexing.rebuild(_indexed(), person_groups)
