"""Demo events (development only): past and upcoming, several kinds, some for members
only, and the demo member's attended training with its certificate.

Dates are relative to today, so the demo always has both upcoming and past events;
running it again moves them instead of adding copies. Rows are written directly (not
through the services), so loading the demo sends no email.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.demo import MEMBER_EMAIL
from accounts.models import User
from core.demo_pictures import picture

from .models import Event, Registration

VENUE_PL = "Krakowski Park Technologiczny, Kraków"
VENUE_EN = "Krakow Technology Park, Kraków"
ADDRESS = "ul. Przykładowa 1, 30-001 Kraków (sala konferencyjna A)"

# slug, kind, visibility, days from today, start hour, duration (hours), days long, capacity,
# title PL, title EN, description PL, description EN
EVENTS = [
    (
        "krakow-film-forum",
        Event.Kind.FORUM,
        Event.Visibility.PUBLIC,
        40,
        10,
        7,
        2,
        200,
        "Forum Klastra Filmowego",
        "Film Cluster Forum",
        "Doroczne forum klastra: panele o koprodukcjach, zachętach finansowych i usługach dla produkcji.",
        "The cluster's annual forum: panels on co-production, incentives and production services.",
    ),
    (
        "film-cluster-forum-last-year",
        Event.Kind.FORUM,
        Event.Visibility.PUBLIC,
        -320,
        10,
        7,
        2,
        180,
        "Forum Klastra Filmowego – poprzednia edycja",
        "Film Cluster Forum – previous edition",
        "Poprzednia edycja dorocznego forum klastra.",
        "The previous edition of the cluster's annual forum.",
    ),
    (
        "production-budgeting-training",
        Event.Kind.TRAINING,
        Event.Visibility.PUBLIC,
        -30,
        9,
        6,
        1,
        20,
        "Szkolenie: budżetowanie produkcji filmowej",
        "Training: budgeting a film production",
        "Jak przygotować budżet produkcji i harmonogram zdjęć. Szkolenie dla kierowników produkcji.",
        "How to prepare a production budget and a shooting schedule. For production managers.",
    ),
    (
        "cash-rebate-training",
        Event.Kind.TRAINING,
        Event.Visibility.MEMBERS,
        5,
        10,
        4,
        1,
        20,
        "Szkolenie: zachęty finansowe dla produkcji",
        "Training: production incentives",
        "Jak firmy usługowe mogą pomóc producentom w korzystaniu z zachęt finansowych.",
        "How service companies can help producers use production incentives.",
    ),
    (
        "sound-post-production-workshop",
        Event.Kind.WORKSHOP,
        Event.Visibility.PUBLIC,
        10,
        10,
        5,
        1,
        12,
        "Warsztaty: dźwięk w postprodukcji",
        "Workshop: sound in post-production",
        "Praktyczne warsztaty w studiu dźwiękowym: montaż dialogów, efekty, miks.",
        "Hands-on workshop in a sound studio: dialogue editing, effects, mixing.",
    ),
    (
        "creative-europe-media-seminar",
        Event.Kind.SEMINAR,
        Event.Visibility.PUBLIC,
        20,
        11,
        3,
        1,
        60,
        "Seminarium: fundusze europejskie dla branży filmowej",
        "Seminar: EU funding for the film industry",
        "Przegląd naborów i zasad aplikowania o środki europejskie i krajowe.",
        "An overview of EU and national funding calls and how to apply.",
    ),
    (
        "incentives-consultations",
        Event.Kind.CONSULTATION,
        Event.Visibility.MEMBERS,
        3,
        12,
        3,
        1,
        6,
        "Konsultacje indywidualne: wnioski o dofinansowanie",
        "One-to-one consultations: funding applications",
        "Indywidualne konsultacje dla członków klastra przygotowujących wnioski.",
        "One-to-one consultations for members preparing applications.",
    ),
    (
        "members-meeting",
        Event.Kind.MEETING,
        Event.Visibility.MEMBERS,
        14,
        16,
        2,
        1,
        None,
        "Spotkanie członków klastra",
        "Cluster members' meeting",
        "Kwartalne spotkanie członków: plany, wspólne projekty, sprawy bieżące.",
        "The quarterly members' meeting: plans, joint projects, current matters.",
    ),
    (
        "location-scouting-lecture",
        Event.Kind.LECTURE,
        Event.Visibility.PUBLIC,
        -60,
        18,
        2,
        1,
        80,
        "Wykład: lokacje filmowe w Małopolsce",
        "Lecture: film locations in Małopolska",
        "Jak szukać i przygotowywać lokacje do zdjęć w regionie.",
        "How to find and prepare shooting locations in the region.",
    ),
    (
        "regional-shorts-screening",
        Event.Kind.SCREENING,
        Event.Visibility.PUBLIC,
        25,
        19,
        2,
        1,
        120,
        "Pokaz: krótkie metraże z regionu",
        "Screening: short films from the region",
        "Pokaz filmów krótkometrażowych zrealizowanych z udziałem firm klastra, a po nim rozmowa z twórcami.",
        "Short films made with the cluster's companies, followed by a talk with the filmmakers.",
    ),
    (
        "stage-design-workshop",
        Event.Kind.WORKSHOP,
        Event.Visibility.MEMBERS,
        -90,
        10,
        6,
        2,
        15,
        "Warsztaty: scenografia i rekwizyty",
        "Workshop: stage design and props",
        "Dwudniowe warsztaty dla członków: projektowanie i budowa scenografii.",
        "A two-day workshop for members: designing and building sets.",
    ),
]

# The picture each event shows (core/demo_pictures); an event not named here has none.
PICTURES = {
    "krakow-film-forum": picture("lighting-truss"),
    "film-cluster-forum-last-year": picture("studio-stage"),
    "production-budgeting-training": picture("grading-suite"),
    "cash-rebate-training": picture("river-castle", 2),
    "sound-post-production-workshop": picture("sound-desk", 2),
    "creative-europe-media-seminar": picture("night-city"),
    "location-scouting-lecture": picture("misty-forest"),
    "regional-shorts-screening": picture("tatra-dawn", 2),
    "stage-design-workshop": picture("set-workshop"),
}

GUESTS = [("Ewa Przykładowa", "ewa@example.org"), ("John Example", "john@example.org")]


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def load(*, stdout) -> None:

    member_user = User.objects.filter(email=MEMBER_EMAIL).first()
    for row in EVENTS:
        slug, kind, visibility, days, hour, hours, length, capacity, title_pl, title_en, text_pl, text_en = row
        starts_at = _at(days, hour)
        ends_at = starts_at + timedelta(days=length - 1, hours=hours)
        event, _created = Event.objects.update_or_create(
            slug=slug,
            defaults={
                "kind": kind,
                "visibility": visibility,
                "title_pl": title_pl,
                "title_en": title_en,
                "description_pl": text_pl,
                "description_en": text_en,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "venue_pl": VENUE_PL,
                "venue_en": VENUE_EN,
                "address": ADDRESS,
                "online_url": "https://meet.example.org/cluster" if kind == Event.Kind.CONSULTATION else "",
                "capacity": capacity,
                "registration_opens_at": starts_at - timedelta(days=60),
                "organiser": "Krakowski Klaster Filmowy",
            },
        )
        still = PICTURES.get(slug)
        if still is not None and not event.image:
            event.image.save(f"demo-{still.filename}", ContentFile(still.read()))
        for name, email in GUESTS if event.is_public else []:
            Registration.objects.get_or_create(
                event=event,
                email=email,
                defaults={"name": name, "language": "en" if email.startswith("john") else "pl", "status": "confirmed"},
            )
    if member_user is not None:
        training = Event.objects.get(slug="production-budgeting-training")
        registration, _created = Registration.objects.get_or_create(
            event=training,
            email=member_user.email,
            defaults={"user": member_user, "name": member_user.get_full_name(), "language": "en"},
        )
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = registration.confirmed_at or training.starts_at - timedelta(days=7)
        registration.attended_at = registration.attended_at or training.starts_at
        registration.save()
    stdout.write(f"events: {len(EVENTS)} events, the demo member attended a past training")
