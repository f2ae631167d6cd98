import factory
from django.utils import timezone

from productions.models import LeadResponse, ProductionInquiry, ProductionLead


class ProductionLeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductionLead
        skip_postgeneration_save = True

    title_pl = factory.Sequence(lambda n: f"Produkcja {n}")
    title_en = factory.Sequence(lambda n: f"Production {n}")
    kind = ProductionLead.Kind.FEATURE
    producer_company = "Northern Lights Films"
    producer_country = "Norway"
    status = ProductionLead.Status.CONFIRMED
    description_en = "A feature shot in the region."
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def services_needed(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy's signature
        if create and extracted:
            obj.services_needed.set(extracted)


class DraftLeadFactory(ProductionLeadFactory):
    published_at = None


class LeadResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeadResponse

    lead = factory.SubFactory(ProductionLeadFactory)
    member = factory.SubFactory("tests.factories.members.MemberFactory")
    status = LeadResponse.Status.INTERESTED


class ProductionInquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductionInquiry
        skip_postgeneration_save = True

    producer_name = "Ingrid Berg"
    company = "Fjord Pictures"
    country = "Norway"
    email = factory.Sequence(lambda n: f"producer{n}@example.org")
    project_title = factory.Sequence(lambda n: f"Winter Light {n}")
    kind = ProductionLead.Kind.SERIES
    message = "We plan to shoot six episodes in Krakow."
    consent = True
    language = "en"

    @factory.post_generation
    def services_needed(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy's signature
        if create and extracted:
            obj.services_needed.set(extracted)
