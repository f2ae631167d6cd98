import factory
from django.utils import timezone

from cooperation.models import CallParticipation, CooperationRequest, RequestAnswer, RequestMessage


class CooperationRequestFactory(factory.django.DjangoModelFactory):
    """An open request of a firm, written in English with a Polish translation."""

    class Meta:
        model = CooperationRequest
        skip_postgeneration_save = True

    member = factory.SubFactory("tests.factories.members.MemberFactory")
    kind = CooperationRequest.Kind.PARTNER
    language = "en"
    title_en = factory.Sequence(lambda n: f"Request {n}")
    title_pl = factory.Sequence(lambda n: f"Zapytanie {n}")
    body_en = "We look for a partner."
    body_pl = "Szukamy partnera."
    created_at = factory.LazyFunction(timezone.now)
    alerted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def services(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy's signature
        if create and extracted:
            obj.services.set(extracted)


class RequestAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequestAnswer

    request = factory.SubFactory(CooperationRequestFactory)
    member = factory.SubFactory("tests.factories.members.MemberFactory")
    note = "We can help."


class RequestMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequestMessage

    request = factory.SubFactory(CooperationRequestFactory)
    member = factory.SubFactory("tests.factories.members.MemberFactory")
    body = factory.Sequence(lambda n: f"Question {n}?")


class CallParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallParticipation

    call = factory.SubFactory("tests.factories.news.CallFactory")
    member = factory.SubFactory("tests.factories.members.MemberFactory")
    status = CallParticipation.Status.APPLYING
