import io

import pytest

from productions import demo, selectors
from productions.models import ProductionInquiry, ProductionLead

pytestmark = pytest.mark.django_db


def _load_all():
    from accounts import demo as accounts_demo
    from members import demo as members_demo

    out = io.StringIO()
    accounts_demo.load(stdout=out)
    members_demo.load(stdout=out)
    demo.load(stdout=out)


def test_demo_data_is_idempotent_and_covers_every_status():
    _load_all()
    counts = (ProductionLead.objects.count(), ProductionInquiry.objects.count())
    _load_all()

    assert (ProductionLead.objects.count(), ProductionInquiry.objects.count()) == counts
    assert set(ProductionLead.objects.values_list("status", flat=True)) == set(ProductionLead.Status.values)
    assert ProductionLead.objects.filter(published_at__isnull=True).count() == 1


def test_demo_member_firm_matches_several_published_leads():
    from accounts.models import User

    _load_all()
    member_user = User.objects.get(email="member@example.org")

    leads = selectors.lead_list(user=member_user).qs

    assert sum(1 for lead in leads if lead.matches) >= 4
    assert len(selectors.showcase()) == 4
    assert all(lead.image and lead.image_alt_en and lead.image_alt_pl for lead in selectors.showcase())
