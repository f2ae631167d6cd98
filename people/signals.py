"""What keeps the people area current: a person's search document follows their roles
and credits too (``core.search.indexing.keep_current`` covers the row's own fields), a
lead that is cancelled or a firm that declines releases its holds, and every change
bumps the "people" generation (sitemap, home section); a period marked also bumps
"availability" (the catalogue's window filter, a location's busy days)."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from core import generations
from core.search import indexing
from productions.models import LeadResponse, ProductionLead

from . import services
from .models import Period, Person, PersonCredit
from .search import GENERATION, person_groups

# Pages filtered by "available between" (the catalogue, a location's busy days) follow it.
AVAILABILITY = "availability"


def _refresh(person: Person) -> None:
    indexing.refresh(Person, person, person_groups, public=lambda p: p.is_public_now)
    generations.bump_on_commit(GENERATION)


def _roles_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    if not action.startswith("post_"):
        return
    people = Person.objects.filter(pk__in=pk_set or ()) if reverse else [instance]
    for person in people:
        _refresh(person)


def _credit_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    person = Person.objects.filter(pk=instance.person_id).first()
    if person is not None:
        _refresh(person)


def _period_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        generations.bump_on_commit(GENERATION, AVAILABILITY)


def _lead_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.status == ProductionLead.Status.CANCELLED:
        services.holds_release(lead=instance)


def _response_saved(sender, instance, raw=False, **kwargs):
    if not raw and not instance.is_positive:
        services.holds_release(lead=instance.lead, member=instance.member)


def _response_deleted(sender, instance, **kwargs):
    services.holds_release(lead_id=instance.lead_id, member_id=instance.member_id)


def connect() -> None:
    m2m_changed.connect(_roles_changed, sender=Person.roles.through, dispatch_uid="people_roles_search")
    post_save.connect(_credit_changed, sender=PersonCredit, dispatch_uid="people_credit_search_save")
    post_delete.connect(_credit_changed, sender=PersonCredit, dispatch_uid="people_credit_search_delete")
    post_save.connect(_period_changed, sender=Period, dispatch_uid="people_period_save")
    post_delete.connect(_period_changed, sender=Period, dispatch_uid="people_period_delete")
    post_save.connect(_lead_saved, sender=ProductionLead, dispatch_uid="people_lead_cancelled")
    post_save.connect(_response_saved, sender=LeadResponse, dispatch_uid="people_response_declined")
    post_delete.connect(_response_deleted, sender=LeadResponse, dispatch_uid="people_response_withdrawn")
