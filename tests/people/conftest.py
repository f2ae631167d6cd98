import pytest

from members.models import ServiceCategory
from people import taxonomy
from people.models import Department, Role
from tests.factories.accounts import CoordinatorFactory, MembershipFactory, UserFactory
from tests.factories.members import MemberFactory
from tests.factories.people import PersonFactory
from tests.people.busy_feeds import FeedServer


@pytest.fixture(autouse=True)
def crew_taxonomy(db):
    """The taxonomy migration 0002 loads; loaded again because a transactional test
    elsewhere in the run may have flushed the tables."""
    taxonomy.load(Department, Role, ServiceCategory)


@pytest.fixture
def firm(db):
    return MemberFactory(name="Lux Lighting", slug="lux-lighting")


@pytest.fixture
def member_user(firm):
    return MembershipFactory(member=firm, user__email="firm-user@example.org").user


@pytest.fixture
def other_member_user(db):
    return MembershipFactory(member=MemberFactory(name="Other Firm"), user__email="other@example.org").user


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory(email="office@example.org")


@pytest.fixture
def person_user(db):
    return UserFactory(email="anna@example.org")


@pytest.fixture
def person(person_user, firm):
    person = PersonFactory(name="Anna Gaffer", slug="anna-gaffer", user=person_user, city="Kraków", roles=["gaffer"])
    person.firms.add(firm)
    return person


@pytest.fixture
def other_person_user(db):
    user = UserFactory(email="bob@example.org")
    PersonFactory(name="Bob Boom", slug="bob-boom", user=user, roles=["boom-operator"])
    return user


@pytest.fixture
def feed_server(settings):
    settings.PEOPLE_FEED_ALLOW_PRIVATE_HOSTS = True  # the test's server is on loopback
    server = FeedServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()
