import pytest

from members.models import Member
from tests.factories.accounts import CoordinatorFactory, MembershipFactory, UserFactory
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory


@pytest.fixture
def categories(db):
    post = ServiceCategoryFactory(slug="post-production", name_en="Post-production", name_pl="Postprodukcja")
    return {
        "post": post,
        "sound": ServiceCategoryFactory(
            slug="sound-post", name_en="Sound post-production", name_pl="Postprodukcja dźwięku", parent=post
        ),
        "colour": ServiceCategoryFactory(
            slug="colour", name_en="Colour grading", name_pl="Korekcja barwna", parent=post
        ),
        "equipment": ServiceCategoryFactory(slug="equipment", name_en="Equipment", name_pl="Sprzęt"),
        "camera": ServiceCategoryFactory(slug="camera-rental", name_en="Camera rental", name_pl="Wynajem kamer"),
        "catering": ServiceCategoryFactory(slug="catering", name_en="Catering", name_pl="Catering"),
    }


@pytest.fixture
def firm(categories):
    member = MemberFactory(name="Sound Studio Alpha")
    MemberServiceFactory(member=member, category=categories["sound"])
    MemberServiceFactory(member=member, category=categories["camera"])
    return member


@pytest.fixture
def member_user(firm):
    return MembershipFactory(member=firm, user__email="alpha@example.org").user


@pytest.fixture
def other_firm(categories):
    member = MemberFactory(name="Catering Beta")
    MemberServiceFactory(member=member, category=categories["catering"])
    return member


@pytest.fixture
def other_user(other_firm):
    return MembershipFactory(member=other_firm, user__email="beta@example.org").user


@pytest.fixture
def suspended_user(db):
    member = MemberFactory(name="Gone Gamma", status=Member.Status.SUSPENDED)
    return MembershipFactory(member=member, user__email="gamma@example.org").user


@pytest.fixture
def outsider(db):
    return UserFactory(email="outsider@example.org")


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory(email="office@example.org")
