import factory

from members.models import Credit, GalleryImage, Member, MemberService, Resource, ServiceCategory


class ServiceCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceCategory
        django_get_or_create = ("slug",)

    name_pl = factory.Sequence(lambda n: f"Usługa {n}")
    name_en = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    name = factory.Sequence(lambda n: f"Studio {n}")
    slug = factory.Sequence(lambda n: f"studio-{n}")
    city = "Kraków"
    description_pl = "Firma filmowa z Krakowa."
    description_en = "A film company from Krakow."
    email = factory.LazyAttribute(lambda o: f"office@{o.slug}.example.org")
    languages = factory.LazyFunction(lambda: ["pl", "en"])
    status = Member.Status.ACTIVE
    is_public = True


class MemberServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberService

    member = factory.SubFactory(MemberFactory)
    category = factory.SubFactory(ServiceCategoryFactory)


def png_bytes(size=(64, 40), colour=(120, 30, 40), fmt="PNG") -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt)
    return buffer.getvalue()


class CreditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credit

    member = factory.SubFactory(MemberFactory)
    title = factory.Sequence(lambda n: f"Film {n}")
    year = 2020
    kind = Credit.Kind.FEATURE
    role_pl = "zdjęcia"
    role_en = "cinematography"


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    member = factory.SubFactory(MemberFactory)
    name_pl = "Kamera"
    name_en = "Camera"
    quantity = 2


class GalleryImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GalleryImage

    member = factory.SubFactory(MemberFactory)
    image = factory.django.FileField(filename="still.png", data=factory.LazyFunction(png_bytes))
    caption_pl = "Na planie"
    caption_en = "On set"
