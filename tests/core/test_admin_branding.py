"""The admin is the cluster's own: its name in the coordinator's language, not "Django"."""

import pytest
from django.core.exceptions import ValidationError

from core.branding import cluster_name, current
from core.models import Branding
from tests.desk.conftest import ensure_coordinator_group
from tests.factories.accounts import MembershipFactory, UserFactory


@pytest.fixture
def coordinator(db):
    """Staff in the "Coordinator" group only (not a superuser), as the migrations make it."""
    user = UserFactory(is_staff=True)
    user.groups.add(ensure_coordinator_group())
    return user


@pytest.mark.django_db
def test_cluster_name_follows_the_language(settings):
    settings.CLUSTER_NAME = "Krakowski Klaster Filmowy"
    settings.CLUSTER_NAME_EN = "Krakow Film Cluster"

    assert cluster_name("en") == "Krakow Film Cluster"
    assert cluster_name("pl") == "Krakowski Klaster Filmowy"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "name"), [("en", "Krakow Film Cluster"), ("pl", "Krakowski Klaster Filmowy")])
def test_admin_pages_carry_the_cluster_name_in_the_users_language(client, settings, language, name):
    settings.CLUSTER_NAME = "Krakowski Klaster Filmowy"
    settings.CLUSTER_NAME_EN = "Krakow Film Cluster"

    response = client.get("/admin/login/", headers={"accept-language": language})
    page = response.content.decode()

    assert response.status_code == 200
    assert f"| {name}</title>" in page
    assert f'<a href="/admin/">{name}</a>' in page
    assert "Django administration" not in page


@pytest.mark.django_db
def test_branding_record_names_the_cluster_on_pages_in_each_language(client, settings):
    settings.CLUSTER_NAME, settings.CLUSTER_NAME_EN = "Krakowski Klaster Filmowy", "Krakow Film Cluster"
    Branding.objects.create(
        name_pl="Śląski Klaster Filmowy",
        name_en="Silesian Film Cluster",
        about_pl="Założony w 2020 r.",
        about_en="Founded in 2020.",
        address="ul. <Mariacka> 1\n40-001 Katowice",
    )

    english = client.get("/en/").content.decode()
    polish = client.get("/pl/").content.decode()

    assert '<span class="brand__name">Silesian Film Cluster</span>' in english
    assert "Founded in 2020." in english
    assert "ul. &lt;Mariacka&gt; 1<br>40-001 Katowice" in english
    assert '<span class="brand__name">Śląski Klaster Filmowy</span>' in polish
    assert "Założony w 2020 r." in polish
    assert "Krakow" not in english.split("<main", 1)[0]
    assert cluster_name("en") == "Silesian Film Cluster"


@pytest.mark.django_db
def test_without_a_branding_record_the_settings_name_the_cluster_and_no_stylesheet_is_linked(client, settings):
    settings.CLUSTER_NAME_EN = "Krakow Film Cluster"

    page = client.get("/en/").content.decode()

    assert '<span class="brand__name">Krakow Film Cluster</span>' in page
    assert "branding.css" not in page


@pytest.mark.django_db
def test_saving_the_branding_makes_cached_public_pages_stale(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    Branding.objects.create(name_en="Old Name")
    first = client.get("/en/members/")
    assert "Old Name" in first.content.decode()

    branding = Branding.objects.get()
    branding.name_en = "New Name"
    branding.save()
    second = client.get("/en/members/")

    assert first["X-Page-Cache"] == "miss"
    assert "New Name" in second.content.decode()
    assert "Old Name" not in second.content.decode()


@pytest.mark.django_db
def test_branding_colours_become_the_stylesheets_custom_properties(client):
    Branding.objects.create(primary_colour="#123456", primary_contrast_colour="#ffffff", accent_colour="#abcdef")

    page = client.get("/en/").content.decode()
    css = client.get("/branding.css")

    version = current().version
    assert f'href="/branding.css?v={version}"' in page
    assert css["Content-Type"] == "text/css; charset=utf-8"
    assert css.content.decode() == (
        ":root{--brand-primary:#123456;--brand-primary-contrast:#ffffff;--brand-accent:#abcdef;}\n"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("colour", ["red", "#12345", "#1234567", "#12345g", "#123456;}body{x:y"])
def test_branding_refuses_a_colour_that_is_not_hex(colour):
    with pytest.raises(ValidationError) as refused:
        Branding(primary_colour=colour).full_clean()

    assert list(refused.value.message_dict) == ["primary_colour"]


@pytest.mark.django_db
def test_coordinator_edits_the_branding_in_the_admin_and_nobody_adds_a_second(client, coordinator):
    client.force_login(coordinator)

    listing = client.get("/admin/core/branding/")
    created = client.post(
        "/admin/core/branding/add/",
        {"name_pl": "Klaster", "name_en": "Cluster", "primary_colour": "#7a1f2b"},
        headers={"accept-language": "en"},
    )
    again = client.get("/admin/core/branding/add/")
    bad = client.post("/admin/core/branding/1/change/", {"primary_colour": "crimson"})

    assert listing.status_code == 200
    assert created.status_code == 302
    assert Branding.objects.get().name_en == "Cluster"
    assert again.status_code == 403
    assert bad.status_code == 200
    assert "primary_colour" in bad.context["adminform"].form.errors
    assert Branding.objects.get().primary_colour == "#7a1f2b"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_branding_admin_is_only_for_coordinators(client, who):
    if who == "member":
        client.force_login(MembershipFactory().user)

    response = client.get("/admin/core/branding/1/change/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
