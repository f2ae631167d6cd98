"""The admin is the cluster's own: its name in the coordinator's language, not "Django"."""

import pytest

from core.branding import cluster_name


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
