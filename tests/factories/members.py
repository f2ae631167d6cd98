import factory

from members.models import Member, MemberService, ServiceCategory


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
