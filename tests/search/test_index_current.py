"""The index stays current: categories and synonyms, bulk recomputation, the vocabulary."""

import io

import pytest
from django.core.management import call_command
from django.http import QueryDict

from core.models import SearchTerm
from members import signals
from members.models import Member
from members.selectors import catalogue_page
from productions.models import ProductionLead
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory
from tests.factories.productions import ProductionLeadFactory

pytestmark = pytest.mark.django_db


def search(text):
    data = QueryDict(mutable=True)
    data["q"] = text
    return sorted(m.slug for m in catalogue_page(data, page_number=1, per_page=100).members)


def test_new_synonym_finds_the_members_offering_the_service():
    category = ServiceCategoryFactory(slug="grading", name_en="Colour grading")
    MemberServiceFactory(member=MemberFactory(slug="lab"), category=category)
    assert search("telecine") == []

    category.synonyms_en = "telecine, DI"
    category.save()

    assert search("telecine") == ["lab"]
    assert search("di") == ["lab"]


def test_category_of_many_members_is_recomputed_by_a_celery_task(django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr(signals, "INLINE_REFRESH_LIMIT", 2)
    category = ServiceCategoryFactory(slug="grip", name_en="Grip")
    for n in range(3):
        MemberServiceFactory(member=MemberFactory(slug=f"grip-{n}"), category=category)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        category.synonyms_en = "dolly"
        category.save()
    assert search("dolly") == []  # not in the request: queued for a worker once committed

    for callback in callbacks:
        callback()  # the task runs eagerly in tests

    assert search("dolly") == ["grip-0", "grip-1", "grip-2"]


def test_rebuild_command_recomputes_every_document_and_the_vocabulary():
    member = MemberFactory(slug="kadr", name="Kadr Studio")
    Member.objects.filter(pk=member.pk).update(search_document="", search_vector=None)
    SearchTerm.objects.all().delete()

    call_command("rebuild_search_index", stdout=io.StringIO())

    assert search("kadr") == ["kadr"]
    assert SearchTerm.objects.get(term="kadr").frequency == 1


def test_hidden_member_words_do_not_count_in_the_rebuilt_vocabulary():
    MemberFactory(slug="secret", name="Zygzakowa Firma", is_public=False)

    call_command("rebuild_search_index", stdout=io.StringIO())

    assert not SearchTerm.objects.filter(term="zygzakowa").exists()


def test_profile_completeness_orders_ties():
    MemberFactory(slug="bare", name="Kadr A", description_pl="", description_en="", website="")
    MemberFactory(slug="full", name="Kadr B", tagline_en="Cameras", website="https://x.example.org")

    assert [m.slug for m in catalogue_page(QueryDict("q=kadr"), page_number=1, per_page=10).members] == ["full", "bare"]


def test_lead_document_follows_a_partial_save_of_its_words_and_skips_other_fields():
    lead = ProductionLeadFactory(title_en="Mountain Echo")
    lead.title_en = "Winter Harbour"
    lead.save(update_fields=["title_en"])
    assert "harbour" in ProductionLead.objects.get(pk=lead.pk).search_document

    ProductionLead.objects.filter(pk=lead.pk).update(search_document="stale")
    lead.save(update_fields=["updated_at"])  # no word of the document changed
    assert ProductionLead.objects.get(pk=lead.pk).search_document == "stale"
