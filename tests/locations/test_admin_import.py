"""The coordinator's location admin: list with thumbnails, bulk CSV import with a preview
and a report of bad rows (saving nothing until confirmed), export."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from locations.models import Location
from locations.resources import LocationResource
from tests.factories.accounts import CoordinatorFactory
from tests.factories.locations import LocationFactory, LocationPhotoFactory

pytestmark = pytest.mark.django_db

HEADER = "slug,name_pl,name_en,categories,municipality,latitude,longitude,setting,manager,address\n"
GOOD = "zamek-a,Zamek A,Castle A,castle,Niedzica,49.42,20.32,both,scouts,ul. Tajna 1\n"
BAD_ROWS = (
    "lake-b,Jezioro B,Lake B,nonexistent,Czorsztyn,49.44,20.31,outdoor,,\n"
    "far-c,Daleko C,Far C,castle,Gdańsk,54.35,18.64,outdoor,,\n"
    "who-d,Kto D,Who D,castle,Kraków,50.06,19.94,outdoor,nobody-firm,\n"
)


@pytest.fixture
def admin_client(client):
    client.force_login(CoordinatorFactory())
    client.cookies["django_language"] = "en"
    return client


def _upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("locations.csv", text.encode(), content_type="text/csv")


def _import(admin_client, text):
    return admin_client.post(
        "/admin/locations/location/import/", {"format": "0", "import_file": _upload(text), "resource": "0"}
    )


def test_import_dry_run_saves_nothing_and_reports_bad_rows(admin_client, kinds, firm):
    response = _import(admin_client, HEADER + GOOD + BAD_ROWS)

    assert response.status_code == 200
    assert Location.objects.count() == 0
    text = response.content.decode()
    assert "Unknown category: nonexistent." in text
    assert "54.35 is outside the region." in text
    assert "Unknown member: nobody-firm." in text


def test_import_preview_of_a_good_file_saves_nothing_until_confirmed(admin_client, kinds, firm):
    response = _import(admin_client, HEADER + GOOD)

    assert response.status_code == 200
    assert Location.objects.count() == 0
    assert response.context["confirm_form"] is not None
    confirm = response.context["confirm_form"].initial
    done = admin_client.post("/admin/locations/location/process_import/", confirm)

    assert done.status_code == 302
    location = Location.objects.get(slug="zamek-a")
    assert location.manager == firm
    assert list(location.categories.values_list("slug", flat=True)) == ["castle"]
    assert location.search_document  # indexed on import too


def test_changelist_shows_thumbnails_and_export_works(admin_client, kinds):
    location = LocationFactory(slug="with-photo", name_pl="Ze zdjęciem", categories=[kinds["castle"]])
    LocationPhotoFactory(location=location)

    listing = admin_client.get("/admin/locations/location/")
    export_page = admin_client.get("/admin/locations/location/export/")
    exported = LocationResource().export().csv

    assert listing.status_code == 200
    assert "/media/thumbs/" in listing.content.decode()
    assert export_page.status_code == 200
    assert exported.splitlines()[0].startswith("slug,name_pl,name_en")
    assert "with-photo,Ze zdjęciem" in exported
    assert ",castle," in exported


def test_admin_change_form_has_the_map_picker(admin_client):
    location = LocationFactory(slug="picker")

    text = admin_client.get(f"/admin/locations/location/{location.pk}/change/").content.decode()

    assert "locations/admin-map.js" in text
    assert "Click the map to set the coordinates." in text
    assert 'data-map-tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in text
    assert "locations/malopolska" in text
