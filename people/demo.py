"""Demo crew and artists: 64 invented people across every department, some working with
demo firms, a few not public (to show the opt-in), and busy days, holds and free days
around the coming months so the finder has something to tell apart. Idempotent."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.search.text import fold
from members.models import Member, ServiceCategory

from . import taxonomy
from .models import Department, Period, Person, PersonCredit, Role

FIRST = [
    "Anna", "Piotr", "Katarzyna", "Tomasz", "Magdalena", "Michał", "Agnieszka", "Paweł", "Zofia", "Jakub",
    "Ewa", "Marcin", "Joanna", "Krzysztof", "Aleksandra", "Łukasz", "Natalia", "Bartosz", "Julia", "Wojciech",
    "Maja", "Grzegorz", "Helena", "Szymon", "Oliwia", "Igor", "Weronika", "Adam", "Lena", "Kacper", "Iga", "Jan",
]  # fmt: skip
LAST = [
    "Nowak", "Wiśniewska", "Kowalczyk", "Zielińska", "Lewandowski", "Mazur", "Krawczyk", "Pawlak", "Sikora",
    "Wróbel", "Dudek", "Baran", "Szewczyk", "Ostrowska", "Tomaszewski", "Jasińska", "Kaczmarek", "Zając",
    "Król", "Wieczorek", "Grabowski", "Pietrzak", "Michalska", "Nowicki", "Adamczyk", "Dąbrowska",
]  # fmt: skip
CITIES = ["Kraków", "Kraków", "Kraków", "Tarnów", "Nowy Sącz", "Zakopane", "Wieliczka", "Oświęcim"]
LANGUAGES = [["pl", "en"], ["pl", "en", "de"], ["pl"], ["pl", "en", "fr"], ["pl", "uk", "en"], ["pl", "en", "es"]]
TITLES = ["Zimowa cisza", "Ostatni pociąg", "Wisła nocą", "Dom na skarpie", "Tatry 1938", "Szkło", "Kopalnia"]
COUNT = 64


def _person(index: int, roles: list[Role], firms: list[Member], rng: random.Random) -> Person:
    name = f"{FIRST[index % len(FIRST)]} {LAST[(index * 7) % len(LAST)]}"
    slug = slugify(fold(name))
    role_names_en = ", ".join(role.name_en for role in roles)
    role_names_pl = ", ".join(role.name_pl for role in roles)
    city = CITIES[index % len(CITIES)]
    person, _created = Person.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name,
            "city": city,
            "bio_pl": f"{role_names_pl}. Pracuje przy filmach, serialach i reklamach od {2005 + index % 15} roku.",
            "bio_en": f"{role_names_en}. Working on features, series and commercials since {2005 + index % 15}.",
            "languages": LANGUAGES[index % len(LANGUAGES)],
            "travel": [Person.Travel.LOCAL, Person.Travel.NATIONAL, Person.Travel.INTERNATIONAL][index % 3],
            "rate_band": ["", "lt1000", "1000-2500", "2500-5000"][index % 4],
            "email": f"{slug}@example.org",
            "phone": f"+48 600 {index:03d} {100 + index:03d}",
            "show_email": index % 3 == 0,
            "show_phone": index % 5 == 0,
            "showreel_url": f"https://video.example.org/{slug}" if index % 2 == 0 else "",
            "portfolio_url": f"https://{slug}.example.org/" if index % 4 == 1 else "",
            "is_individual_member": index % 6 == 0,
            # Three people have not opted in yet: the public never sees them.
            "is_public": index not in (7, 31, 55),
        },
    )
    person.roles.set(roles)
    person.firms.set(firms)
    if not person.credits.exists():
        for n in range(1 + index % 3):
            PersonCredit.objects.create(
                person=person, title=TITLES[(index + n) % len(TITLES)], year=2025 - n * 2, role=role_names_en
            )
    return person


def _periods(person: Person, index: int, rng: random.Random, today: datetime.date) -> None:
    if person.periods.filter(source=Period.Source.MANUAL).exists() or index % 4 == 3:
        return  # a quarter of the people are free all the time
    start = today + datetime.timedelta(days=rng.randint(3, 40))
    Period.objects.create(
        person=person, kind=Period.Kind.BOOKED, start=start, end=start + datetime.timedelta(days=rng.randint(2, 20))
    )
    later = start + datetime.timedelta(days=rng.randint(30, 70))
    if index % 3 == 0:
        Period.objects.create(
            person=person,
            kind=Period.Kind.HOLD,
            start=later,
            end=later + datetime.timedelta(days=rng.randint(3, 12)),
            expires_at=timezone.now() + datetime.timedelta(days=10),
        )
    else:
        Period.objects.create(
            person=person, kind=Period.Kind.AVAILABLE, start=later, end=later + datetime.timedelta(days=30)
        )


@transaction.atomic
def load(*, stdout) -> None:
    taxonomy.load(Department, Role, ServiceCategory)  # links the demo's service categories too
    rng = random.Random(17)  # noqa: S311 - repeatable demo dates, not a secret
    departments = list(Department.objects.prefetch_related("roles"))
    firms = list(Member.objects.filter(status=Member.Status.ACTIVE, is_public=True).order_by("name"))
    today = timezone.localdate()
    for index in range(COUNT):
        department = departments[index % len(departments)]
        department_roles = list(department.roles.all())
        roles = [department_roles[index % len(department_roles)]]
        if index % 5 == 0 and len(department_roles) > 1:
            roles.append(department_roles[(index + 1) % len(department_roles)])
        person_firms = [firms[index % len(firms)]] if firms and index % 2 == 0 else []
        person = _person(index, roles, person_firms, rng)
        _periods(person, index, rng, today)
    public = Person.objects.filter(is_public=True).count()
    stdout.write(f"people: {COUNT} demo people ({public} public), {len(departments)} departments")
