"""Member import from CSV: a dry run that saves nothing and names every bad row, then
a confirmed import of exactly the previewed file."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from members.models import Member, MemberService
from tests.factories.members import MemberFactory, ServiceCategoryFactory

pytestmark = pytest.mark.django_db

URL = "/admin/desk/import-members/"
HEADER = "name,slug,kind,city,email,website,year_founded,services\n"
GOOD = (
    "Nowa Wytwórnia,,company,Kraków,biuro@nowa.example.org,https://nowa.example.org,2010,camera-rental\n"
    "Studio Dźwięku Echo,echo,company,Tarnów,echo@example.org,,2018,sound-post;camera-rental\n"
)
BAD = (
    ",no-name,company,Kraków,,,,\n"  # row 3: no name
    "Zła Poczta,zla-poczta,company,Kraków,not-an-email,,,\n"  # row 4: bad email
    "Dziwny Rodzaj,dziwny,spaceship,Kraków,,,abc,\n"  # row 5: unknown kind, year not a number
    "Nieznana Usługa,nieznana,company,Kraków,,,,teleportation\n"  # row 6: unknown service
)


@pytest.fixture
def categories(db):
    return [ServiceCategoryFactory(slug="camera-rental"), ServiceCategoryFactory(slug="sound-post")]


def _upload(client, text: str):
    return client.post(
        URL, {"file": SimpleUploadedFile("members.csv", text.encode("utf-8"), "text/csv")}, HTTP_ACCEPT_LANGUAGE="en"
    )


def _bad_rows(html: str) -> dict[int, str]:
    rows = re.findall(r'<tr data-row="(\d+)">(.*?)</tr>', html, re.S)
    return {int(number): re.sub(r"\s+", " ", body) for number, body in rows}


def test_import_dry_run_saves_nothing_and_lists_bad_rows_with_reasons(coordinator_client, categories):
    existing = MemberFactory(name="Stara Firma", slug="stara")

    response = _upload(coordinator_client, HEADER + GOOD + BAD)

    html = response.content.decode()
    bad = _bad_rows(html)
    assert response.status_code == 200
    assert list(Member.objects.values_list("slug", flat=True)) == [existing.slug]
    assert MemberService.objects.count() == 0
    assert sorted(bad) == [3, 4, 5, 6]
    assert "name: This field cannot be blank." in bad[3]
    assert "email: Enter a valid email address." in bad[4]
    assert "kind: Value &#x27;spaceship&#x27; is not a valid choice." in bad[5]
    assert "year_founded: Enter a whole number, e.g. 2010, not “abc”." in bad[5]
    assert "services: Unknown service: teleportation." in bad[6]
    assert "The file has problems: nothing was saved" in html
    assert 'name="payload"' not in html  # no confirm step for a file with bad rows


def test_import_dry_run_of_a_good_file_saves_nothing_and_offers_to_confirm(coordinator_client, categories):
    response = _upload(coordinator_client, HEADER + GOOD)

    html = response.content.decode()
    assert Member.objects.count() == 0
    assert "Preview: nothing has been saved yet" in html
    assert "New members: 2." in html
    assert 'name="payload"' in html
    planned = re.findall(r"<tr>\s*<td>(\d+)</td>\s*<td>([^<]+)</td>\s*<td>\s*(\w+)", html)
    assert planned == [("1", "Nowa Wytwórnia", "add"), ("2", "Studio Dźwięku Echo", "add")]


def test_import_confirm_saves_the_previewed_members_with_their_services(coordinator_client, categories):
    preview = _upload(coordinator_client, HEADER + GOOD)
    payload = re.search(r'name="payload" value="([^"]+)"', preview.content.decode()).group(1)

    response = coordinator_client.post(URL, {"payload": payload})

    assert response.status_code == 302
    assert response["Location"] == "/admin/members/member/"
    assert sorted(Member.objects.values_list("slug", "city", "year_founded")) == [
        ("echo", "Tarnów", 2018),
        ("nowa-wytwornia", "Kraków", 2010),
    ]
    assert sorted(MemberService.objects.values_list("member__slug", "category__slug")) == [
        ("echo", "camera-rental"),
        ("echo", "sound-post"),
        ("nowa-wytwornia", "camera-rental"),
    ]


def test_import_confirm_refuses_an_altered_payload(coordinator_client, categories):
    preview = _upload(coordinator_client, HEADER + GOOD)
    payload = re.search(r'name="payload" value="([^"]+)"', preview.content.decode()).group(1)

    response = coordinator_client.post(URL, {"payload": payload[:-2] + "xx"})

    assert response.status_code == 302
    assert response["Location"] == URL
    assert Member.objects.count() == 0


def test_import_rejects_a_file_that_is_not_utf8_next_to_the_field(coordinator_client):
    response = coordinator_client.post(
        URL, {"file": SimpleUploadedFile("members.csv", "Łódź".encode("cp1250"), "text/csv")}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    assert "The file is not UTF-8 text." in response.content.decode()
    assert Member.objects.count() == 0


def test_import_reports_missing_columns(coordinator_client):
    response = _upload(coordinator_client, "company,town\nFoo,Bar\n")

    assert "Missing columns: name, city." in response.content.decode()
    assert Member.objects.count() == 0


def test_import_updates_a_member_matched_by_slug(coordinator_client, categories):
    MemberFactory(name="Echo", slug="echo", city="Kraków")
    preview = _upload(coordinator_client, HEADER + "Studio Echo,echo,company,Tarnów,,,,\n")
    payload = re.search(r'name="payload" value="([^"]+)"', preview.content.decode()).group(1)

    coordinator_client.post(URL, {"payload": payload})

    assert list(Member.objects.values_list("slug", "name", "city")) == [("echo", "Studio Echo", "Tarnów")]


def test_import_makes_a_slug_from_a_polish_name_without_losing_letters(coordinator_client):
    preview = _upload(coordinator_client, "name,city\nŁódzka Wytwórnia Światła,Łódź\n")
    payload = re.search(r'name="payload" value="([^"]+)"', preview.content.decode()).group(1)

    coordinator_client.post(URL, {"payload": payload})

    assert list(Member.objects.values_list("slug", flat=True)) == ["lodzka-wytwornia-swiatla"]
