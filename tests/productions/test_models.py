import pytest

from productions import services
from productions.models import LeadStatusChange, ProductionLead
from tests.factories.productions import ProductionLeadFactory

pytestmark = pytest.mark.django_db


def test_status_history_records_each_change(coordinator):
    lead = ProductionLeadFactory(status=ProductionLead.Status.RUMOUR)

    services.lead_set_status(lead=lead, status=ProductionLead.Status.CONFIRMED, user=coordinator)
    services.lead_set_status(lead=lead, status=ProductionLead.Status.CONFIRMED, user=coordinator)  # no change
    reloaded = ProductionLead.objects.get(pk=lead.pk)
    reloaded.status = ProductionLead.Status.SHOOTING
    reloaded.save()
    reloaded.title_en = "Renamed"
    reloaded.save()

    history = list(LeadStatusChange.objects.filter(lead=lead).values_list("status", "changed_by"))
    assert history == [("rumour", None), ("confirmed", coordinator.pk), ("shooting", None)]


def test_status_history_is_not_invented_when_status_was_not_loaded():
    lead = ProductionLeadFactory(status=ProductionLead.Status.RUMOUR)
    partial = ProductionLead.objects.only("pk", "title_en").get(pk=lead.pk)

    partial.title_en = "Partial"
    partial.save(update_fields=["title_en"])

    assert LeadStatusChange.objects.filter(lead=lead).count() == 1


def test_status_history_is_not_doubled_after_a_refresh():
    lead = ProductionLeadFactory(status=ProductionLead.Status.RUMOUR)
    elsewhere = ProductionLead.objects.get(pk=lead.pk)
    elsewhere.status = ProductionLead.Status.CONFIRMED
    elsewhere.save()

    lead.refresh_from_db()
    lead.title_en = "Renamed"
    lead.save()

    assert list(LeadStatusChange.objects.filter(lead=lead).values_list("status", flat=True)) == ["rumour", "confirmed"]
