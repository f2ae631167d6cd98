import datetime as dt
from decimal import Decimal

import factory

from filming.models import EuroRate, GuidePage, IncentiveScheme, SchemeThreshold


class GuidePageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuidePage

    title_pl = factory.Sequence(lambda n: f"Strona przewodnika {n}")
    title_en = factory.Sequence(lambda n: f"Guide page {n}")
    slug = factory.Sequence(lambda n: f"guide-page-{n}")
    topic = GuidePage.Topic.PERMITS
    summary_pl = "Krótko o stronie."
    summary_en = "The page in brief."
    body_pl = "## Drony\n\nTreść o **dronach**."
    body_en = "## Drones\n\nAbout **drones**."
    position = factory.Sequence(lambda n: n)


class IncentiveSchemeFactory(factory.django.DjangoModelFactory):
    """An open scheme paying 30% with no caps; ``thresholds={"feature": Decimal(...)}``."""

    class Meta:
        model = IncentiveScheme
        skip_postgeneration_save = True

    name_pl = factory.Sequence(lambda n: f"Program {n}")
    name_en = factory.Sequence(lambda n: f"Scheme {n}")
    slug = factory.Sequence(lambda n: f"scheme-{n}")
    authority_pl = "Instytucja"
    authority_en = "Authority"
    url = "https://example.org/rules"
    rate_percent = Decimal("30")
    source = "Test data"
    last_checked = dt.date(2026, 11, 1)

    @factory.post_generation
    def thresholds(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy's signature
        if create:
            for kind, amount in (extracted if extracted is not None else {"feature": Decimal("1000000")}).items():
                SchemeThreshold.objects.create(scheme=obj, kind=kind, min_local_spend=amount)


class EuroRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EuroRate

    pln_per_eur = Decimal("4.0000")
    valid_from = dt.date(2026, 1, 1)
