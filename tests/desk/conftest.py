import importlib

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from tests.factories.accounts import CoordinatorFactory, MembershipFactory, UserFactory


def ensure_coordinator_group() -> Group:
    """The group migration ``desk.0002`` made.

    A transactional test (browser journeys, real Celery workers) ends with a flush that
    empties every table, the group included. pytest-django runs those after the others,
    but should a test ever need the group after one, the migrations' own functions make
    it again on the historical models of each migration, so what is tested is still
    exactly the migrations' work.
    """
    group = Group.objects.filter(name="Coordinator").first()
    if group is None:
        loader = MigrationLoader(connection)
        for app, name, function in (
            ("desk", "0002_coordinator_group", "create_group"),
            ("desk", "0003_coordinator_edits_digest_preferences", "grant"),
            ("cooperation", "0002_coordinator_permissions", "grant"),
            ("desk", "0004_coordinator_edits_branding", "grant"),
        ):
            state = loader.project_state((app, name))
            getattr(importlib.import_module(f"{app}.migrations.{name}"), function)(state.apps, None)
        group = Group.objects.get(name="Coordinator")
    return group


@pytest.fixture
def coordinator_group(db):
    return ensure_coordinator_group()


@pytest.fixture
def coordinator(coordinator_group):
    """A coordinator who is not a superuser: staff in the "Coordinator" group only."""
    user = UserFactory(name="Celina Koordynator", is_staff=True)
    user.groups.add(coordinator_group)
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
