import io

import pytest

from accounts import demo
from accounts.models import MembershipApplication, User

pytestmark = pytest.mark.django_db


def test_accounts_demo_is_idempotent():
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())

    assert sorted(User.objects.values_list("email", flat=True)) == ["coordinator@example.org", "member@example.org"]
    assert list(MembershipApplication.objects.values_list("company_name", "status")) == [("Nowa Fala Sound", "pending")]
