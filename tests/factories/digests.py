import datetime as dt

import factory

from accounts.models import Membership
from digests.models import DigestDelivery, DigestPreference, Frequency
from members.models import Member
from tests.factories.accounts import UserFactory
from tests.factories.members import MemberFactory


class DigestPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DigestPreference

    user = factory.SubFactory(UserFactory)
    frequency = Frequency.WEEKLY


class DigestDeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DigestDelivery

    user = factory.SubFactory(UserFactory)
    frequency = Frequency.WEEKLY
    period_start = dt.date(2026, 11, 16)
    period_end = dt.date(2026, 11, 23)
    language = "en"


def member_user(*, member=None, **user_fields):
    """A user who works at an active member firm (a digest recipient by default)."""
    user = UserFactory(**user_fields)
    Membership.objects.create(user=user, member=member or MemberFactory(), role=Membership.Role.EDITOR)
    return user


def joined_member(*, at: dt.datetime, **fields) -> Member:
    """A public member firm that joined the cluster at ``at``."""
    member = MemberFactory(**fields)
    Member.objects.filter(pk=member.pk).update(created_at=at, member_since=None)
    member.refresh_from_db()
    return member
