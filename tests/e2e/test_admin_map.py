"""The coordinator's map picker in the admin (static/locations/admin-map.js over
static/core/map.js), on a location and on a member: the map draws the region's outline
with no script error and nothing refused by the admin's Content-Security-Policy, also
when tiles cannot be loaded, and a click fills the latitude and longitude fields."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.factories.locations import LocationFactory
from tests.factories.members import MemberFactory


def _log_in(page):
    get_user_model().objects.create_superuser(email="admin@example.org", password="map-admin-pass")
    page.goto("/admin/login/?next=/admin/")
    page.fill("input[name=username]", "admin@example.org")
    page.fill("input[name=password]", "map-admin-pass")
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()


def _script_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Tiles from the outside server may not load here; that is a network error, not the map's.
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and "Failed to load resource" not in message.text
            else None
        ),
    )
    return errors


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("make", "url"),
    [
        (LocationFactory, "/admin/locations/location/{pk}/change/"),
        (MemberFactory, "/admin/members/member/{pk}/change/"),
    ],
    ids=["location", "member"],
)
def test_admin_map_draws_and_sets_the_point(page, make, url):
    target = make()
    _log_in(page)
    # No tile server answers: the picker must still draw and work.
    page.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    errors = _script_errors(page)

    page.goto(url.format(pk=target.pk))

    box = page.locator(".admin-map")
    expect(box).to_be_visible()
    expect(box).to_have_attribute("data-outline", "shown")
    expect(box.locator("path.leaflet-interactive")).to_have_count(1)  # the marker; the outline is not interactive
    size = box.bounding_box()
    box.click(position={"x": size["width"] * 0.75, "y": size["height"] * 0.75})  # clear of the zoom buttons
    expect(page.locator("#id_latitude")).not_to_have_value("")
    assert len(page.input_value("#id_longitude").split(".")[1]) == 6
    assert errors == []
