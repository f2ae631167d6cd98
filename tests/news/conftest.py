"""The four kinds of reader every news page is checked against."""

import pytest

from tests.factories.accounts import CoordinatorFactory, MembershipFactory, UserFactory


@pytest.fixture
def member_user(db):
    return MembershipFactory().user


@pytest.fixture
def outsider_user(db):
    """Logged in, but not in any member firm."""
    return UserFactory()


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory()


@pytest.fixture
def reader(request, client, member_user, outsider_user, coordinator):
    """A client logged in as ``request.param``: anonymous, outsider, member or coordinator."""
    users = {"anonymous": None, "outsider": outsider_user, "member": member_user, "coordinator": coordinator}
    user = users[request.param]
    if user is not None:
        client.force_login(user)
    return client
