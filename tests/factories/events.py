from datetime import timedelta

import factory
from django.utils import timezone

from events.models import Event, Material, Registration


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title_pl = factory.Sequence(lambda n: f"Szkolenie {n}")
    title_en = factory.Sequence(lambda n: f"Training {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    description_pl = "Opis wydarzenia."
    description_en = "About the event."
    kind = Event.Kind.TRAINING
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    venue_pl = "Sala A, Kraków"
    venue_en = "Room A, Kraków"
    address = "ul. Tajna 7, 30-001 Kraków"
    online_url = "https://meet.example.org/secret-room"
    capacity = 10
    visibility = Event.Visibility.PUBLIC
    organiser = "Cluster office"


class MembersOnlyEventFactory(EventFactory):
    visibility = Event.Visibility.MEMBERS
    title_pl = factory.Sequence(lambda n: f"Spotkanie tylko dla członków {n}")
    title_en = factory.Sequence(lambda n: f"Members-only meeting {n}")


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Guest {n}")
    email = factory.Sequence(lambda n: f"guest{n}@example.org")
    language = "en"
    status = Registration.Status.CONFIRMED


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    event = factory.SubFactory(EventFactory)
    title = "Slides"
    url = "https://files.example.org/slides.pdf"
