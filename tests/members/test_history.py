import pytest

from members.models import Member
from tests.factories.members import CreditFactory, MemberFactory, MemberServiceFactory

pytestmark = pytest.mark.django_db


def test_member_history_keeps_both_languages_of_each_change():
    member = MemberFactory(description_pl="Stary opis", description_en="Old text")

    member.description_pl = "Nowy opis"
    member.save()

    latest, first = list(member.history.all()[:2])
    assert (first.description_pl, first.description_en) == ("Stary opis", "Old text")
    assert (latest.description_pl, latest.description_en) == ("Nowy opis", "Old text")
    assert latest.history_type == "~"


def test_child_models_have_history():
    member = MemberFactory()
    service = MemberServiceFactory(member=member, description_en="Cameras")
    credit = CreditFactory(member=member)

    credit.delete()

    assert list(service.history.values_list("history_type", "description_en")) == [("+", "Cameras")]
    assert list(Member.credits.rel.related_model.history.values_list("history_type", flat=True)) == ["-", "+"]


def test_changing_a_service_moves_last_updated():
    member = MemberFactory()
    before = Member.objects.get(pk=member.pk).updated_at

    MemberServiceFactory(member=member)

    assert Member.objects.get(pk=member.pk).updated_at > before
