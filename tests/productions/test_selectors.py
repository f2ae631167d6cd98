from datetime import timedelta

import pytest
from django.utils import timezone

from productions import selectors, services
from productions.models import LeadStatusChange, ProductionLead
from tests.factories.productions import DraftLeadFactory, ProductionLeadFactory

pytestmark = pytest.mark.django_db


def test_leads_changed_since_sorts_each_lead_into_one_kind_with_one_query_per_kind(django_assert_num_queries):
    moment = timezone.now()
    long_ago = moment - timedelta(days=10)
    old_untouched = ProductionLeadFactory(title_en="Untouched", published_at=long_ago)
    ProductionLead.objects.filter(pk=old_untouched.pk).update(updated_at=long_ago)
    LeadStatusChange.objects.filter(lead=old_untouched).update(reached_at=long_ago)
    moved = ProductionLeadFactory(title_en="Moved", published_at=long_ago, status="confirmed")
    LeadStatusChange.objects.filter(lead=moved).update(reached_at=long_ago)
    services.lead_set_status(lead=moved, status="shooting")
    edited = ProductionLeadFactory(title_en="Edited", published_at=long_ago)
    LeadStatusChange.objects.filter(lead=edited).update(reached_at=long_ago)
    edited.locations = "Wieliczka"
    edited.save()
    new = ProductionLeadFactory(title_en="New")
    DraftLeadFactory(title_en="Draft")

    with django_assert_num_queries(3):
        changed = selectors.leads_changed_since(moment)

    assert [lead.pk for lead in changed.new] == [new.pk]
    assert [lead.pk for lead in changed.status_changed] == [moved.pk]
    assert [lead.pk for lead in changed.updated] == [edited.pk]
