import io

import pytest

from accounts import demo as accounts_demo
from locations import demo
from locations.models import Location, LocationCategory, LocationPhoto
from locations.selectors import public_locations
from members import demo as members_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    accounts_demo.load(stdout=io.StringIO())
    members_demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())


def test_demo_has_30_plus_public_locations_across_the_region_some_managed_by_members(loaded):
    public = public_locations()

    assert public.count() >= 30
    assert public.values("municipality").distinct().count() >= 20
    assert public.filter(manager__slug="kadr-i-dzwiek-studio").exists()  # the demo member user's firm
    assert public.filter(manager__isnull=False).count() >= 5
    assert LocationPhoto.objects.filter(location__in=public).values("location").distinct().count() == public.count()
    assert LocationCategory.objects.filter(parent__isnull=True).count() == 4
    assert all(location.search_document for location in public)


def test_demo_load_is_idempotent(loaded):
    before = (Location.objects.count(), LocationPhoto.objects.count(), LocationCategory.objects.count())

    demo.load(stdout=io.StringIO())

    assert (Location.objects.count(), LocationPhoto.objects.count(), LocationCategory.objects.count()) == before
