import pytest

from members.models import Member
from tests.factories.accounts import CoordinatorFactory, MembershipFactory, UserFactory
from tests.factories.locations import LocationCategoryFactory
from tests.factories.members import MemberFactory


@pytest.fixture
def kinds(db):
    architecture = LocationCategoryFactory(slug="architecture", name_en="Architecture", name_pl="Architektura")
    landscape = LocationCategoryFactory(slug="landscape", name_en="Landscape", name_pl="Krajobraz")
    return {
        "architecture": architecture,
        "landscape": landscape,
        "castle": LocationCategoryFactory(slug="castle", name_en="Castle", name_pl="Zamek", parent=architecture),
        "church": LocationCategoryFactory(slug="church", name_en="Church", name_pl="Kościół", parent=architecture),
        "lake": LocationCategoryFactory(slug="lake", name_en="Lake", name_pl="Jezioro", parent=landscape),
    }


@pytest.fixture
def firm(db):
    return MemberFactory(slug="scouts", name="Scouts Alpha", email="")


@pytest.fixture
def member_user(firm):
    return MembershipFactory(member=firm, user__email="alpha@example.org").user


@pytest.fixture
def other_firm(db):
    return MemberFactory(slug="beta", name="Beta Locations")


@pytest.fixture
def other_user(other_firm):
    return MembershipFactory(member=other_firm, user__email="beta@example.org").user


@pytest.fixture
def suspended_user(db):
    member = MemberFactory(slug="gone", name="Gone Gamma", status=Member.Status.SUSPENDED)
    return MembershipFactory(member=member, user__email="gamma@example.org").user


@pytest.fixture
def outsider(db):
    return UserFactory(email="outsider@example.org")


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory(email="office@example.org")
