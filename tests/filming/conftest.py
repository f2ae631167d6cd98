from decimal import Decimal

import pytest

from tests.factories.filming import EuroRateFactory, GuidePageFactory, IncentiveSchemeFactory
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory


@pytest.fixture
def guide(db):
    """Two published pages, one draft; an open scheme needing a local service company, and
    one that has ended; a firm that can act as that company; the euro rate."""
    line = ServiceCategoryFactory(slug="line-production", name_en="Line production", name_pl="Producent wykonawczy")
    firm = MemberFactory(name="Wawel Line Producers", city="Kraków")
    MemberServiceFactory(member=firm, category=line)
    scheme = IncentiveSchemeFactory(
        slug="national-rebate",
        name_en="National rebate",
        name_pl="Krajowy zwrot",
        rate_percent=Decimal("30"),
        cap_per_project=Decimal("1000000"),
        requires_local_service_company=True,
        thresholds={"feature": Decimal("1000000"), "documentary": Decimal("250000")},
    )
    scheme.service_company_services.set([line])
    ended = IncentiveSchemeFactory(
        slug="old-fund", name_en="Old fund", name_pl="Stary fundusz", valid_until="2020-12-31"
    )
    return {
        "permits": GuidePageFactory(slug="permits", title_en="Filming permits", title_pl="Pozwolenia"),
        "faq": GuidePageFactory(slug="faq", title_en="Questions", title_pl="Pytania", topic="faq"),
        "draft": GuidePageFactory(slug="draft", title_en="Draft page", is_published=False),
        "scheme": scheme,
        "ended": ended,
        "firm": firm,
        "rate": EuroRateFactory(pln_per_eur=Decimal("4.0000")),
    }
