import pytest
from django.contrib.auth.models import Group

from tests.factories.accounts import CoordinatorFactory, MembershipFactory, UserFactory


@pytest.fixture
def coordinator(db):
    """A coordinator who is not a superuser: staff in the "Coordinator" group only."""
    user = UserFactory(name="Celina Koordynator", is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinator"))
    return user


@pytest.fixture
def superuser(db):
    return CoordinatorFactory(name="Super Admin")


@pytest.fixture
def member_user(db):
    return MembershipFactory(user__name="Maria Członek").user


@pytest.fixture
def other_member_user(db):
    return MembershipFactory(user__name="Olga Inna").user


@pytest.fixture
def plain_staff(db):
    """Staff without any group: may log in to the admin, sees nothing of the desk."""
    return UserFactory(name="Stefan Staff", is_staff=True)


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client
