from decimal import Decimal

import factory

from locations.models import Location, LocationCategory, LocationPhoto
from tests.factories.members import png_bytes


class LocationCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocationCategory
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"kind-{n}")
    name_pl = factory.Sequence(lambda n: f"Rodzaj {n}")
    name_en = factory.Sequence(lambda n: f"Kind {n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"location-{n}")
    name_pl = factory.Sequence(lambda n: f"Lokacja {n}")
    name_en = factory.Sequence(lambda n: f"Location {n}")
    description_pl = "Opis lokacji."
    description_en = "A description of the location."
    municipality = "Kraków"
    latitude = Decimal("50.061234")
    longitude = Decimal("19.937456")
    setting = Location.Setting.OUTDOOR
    address = "ul. Sekretna 7, 30-001 Kraków"
    contact_name = "Jan Tajny"
    contact_email = "secret-contact@example.org"
    contact_phone = "+48 600 111 222"

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy's signature
        if create and extracted:
            obj.categories.set(extracted)


class LocationPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocationPhoto

    location = factory.SubFactory(LocationFactory)
    image = factory.django.ImageField(from_func=lambda: __import__("io").BytesIO(png_bytes()), filename="photo.png")
    alt_text_pl = "Widok"
    alt_text_en = "A view"
