import datetime
import io

import pytest
from django.utils import timezone

from people import demo, selectors
from people.models import Person
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db


def test_demo_people_cover_every_department_and_make_the_finder_interesting():
    MemberFactory.create_batch(3)
    out = io.StringIO()

    demo.load(stdout=out)
    demo.load(stdout=out)  # idempotent

    people = Person.objects.all()
    assert people.count() == demo.COUNT
    assert people.filter(is_public=False).count() == 3
    assert people.exclude(firms=None).count() == demo.COUNT // 2
    departments = set(people.values_list("roles__department__slug", flat=True))
    assert len(departments) == 13
    today = timezone.localdate()
    window = (today + datetime.timedelta(days=10), today + datetime.timedelta(days=20))
    free = selectors.free_people(selectors.public_people(), *window).count()
    assert 0 < free < selectors.public_people().count()
