import pytest

from tests.factories.accounts import CoordinatorFactory, MembershipFactory, UserFactory


@pytest.fixture
def member_user(db):
    return MembershipFactory(user__name="Maria Członek", user__preferred_language="en").user


@pytest.fixture
def other_member_user(db):
    """A user of another member firm."""
    return MembershipFactory(user__name="Olga Inna").user


@pytest.fixture
def outsider(db):
    """Logged in, but in no member firm."""
    return UserFactory(name="Piotr Obcy")


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory(name="Anna Koordynator")
