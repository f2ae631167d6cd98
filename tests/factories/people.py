import datetime

import factory
from django.utils import timezone

from people.models import Period, Person, PersonCredit, Role


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Person {n:03d}")
    slug = factory.Sequence(lambda n: f"person-{n:03d}")
    city = "Kraków"
    bio_pl = "Operatorka z Krakowa."
    bio_en = "A camera operator from Krakow."
    languages = factory.LazyFunction(lambda: ["pl", "en"])
    email = factory.LazyAttribute(lambda o: f"{o.slug}@private.example.org")
    phone = "+48 600 100 200"
    is_public = True

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy's signature
        if create and extracted:
            obj.roles.set(Role.objects.filter(slug__in=extracted) if isinstance(extracted[0], str) else extracted)


class PersonCreditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonCredit

    person = factory.SubFactory(PersonFactory)
    title = factory.Sequence(lambda n: f"Film {n}")
    year = 2024
    role = "gaffer"


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Period

    person = factory.SubFactory(PersonFactory)
    kind = Period.Kind.BOOKED
    start = datetime.date(2027, 3, 1)
    end = datetime.date(2027, 3, 5)


class HoldFactory(PeriodFactory):
    kind = Period.Kind.HOLD
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
