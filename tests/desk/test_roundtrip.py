"""Export then import gives back exactly what was exported, in CSV and in XLSX.

Values a spreadsheet would run as formulas (a phone "+48 …", "=SUM(…)", "@handle",
"-minus") and one that starts with an apostrophe of its own go through unchanged."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.spreadsheets import xlsx_as_csv
from desk.services import members_import
from members.models import Member, MemberService
from members.resources import MemberResource
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory

pytestmark = pytest.mark.django_db

EXPORTED = [f for f in MemberResource._meta.fields if f != "services"]


@pytest.fixture
def members():
    camera, sound = ServiceCategoryFactory(slug="camera-rental"), ServiceCategoryFactory(slug="sound-post")
    tricky = MemberFactory(
        name="=SUM(A1) Films",
        slug="sum-films",
        kind="ngo",
        status=Member.Status.ACTIVE,
        is_public=False,
        city="Łódź",
        address="ul. Floriańska 1/2",
        postal_code="31-019",
        website="https://example.org/a?b=c&d=e",
        email="biuro@sum-films.example.org",
        phone="+48 12 345 67 89",
        year_founded=2015,
        member_since=dt.date(2016, 2, 29),
        tagline_pl="'Cytat' na początku",
        tagline_en="@handle first",
        description_pl='Zdjęcia w Łodzi,\n"cudzysłów", przecinki; średniki\n\tи кириллица',
        description_en="-minus first, then a tab\tinside",
    )
    plain = MemberFactory(name="Plain Films", slug="plain-films", tagline_pl="", tagline_en="", phone="")
    MemberServiceFactory(member=tricky, category=camera)
    MemberServiceFactory(member=tricky, category=sound)
    MemberServiceFactory(member=plain, category=sound)
    return [tricky, plain]


def snapshot() -> dict:
    # Every stored column, the translation fields (tagline_pl, tagline_en…) included.
    columns = [field.attname for field in Member._meta.concrete_fields]
    rows = {m.slug: {column: getattr(m, column) for column in columns} for m in Member.objects.all()}
    services = {}
    for member_slug, category_slug in MemberService.objects.values_list("member__slug", "category__slug"):
        services.setdefault(member_slug, set()).add(category_slug)
    return {"rows": rows, "services": services}


def exported_values(state: dict) -> dict:
    return {
        slug: ({f: row[f] for f in EXPORTED}, state["services"].get(slug, set())) for slug, row in state["rows"].items()
    }


def download(client, file_format: str) -> bytes:
    response = client.get(f"/admin/desk/export/members/?format={file_format}")
    assert response.status_code == 200
    return response.content


def as_import_text(content: bytes, file_format: str) -> str:
    return xlsx_as_csv(content) if file_format == "xlsx" else content.decode("utf-8-sig")


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(coordinator_client, members, file_format):
    before = snapshot()
    content = download(coordinator_client, file_format)

    report = members_import(text=as_import_text(content, file_format), dry_run=False)

    assert report.ok, (report.bad_rows, report.problems)
    assert (report.total, report.new, report.updated) == (2, 0, 0)
    assert snapshot() == before  # every column, updated_at included: nothing was saved again


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_into_an_empty_catalogue_gives_every_field_back(coordinator_client, members, file_format):
    before = exported_values(snapshot())
    content = download(coordinator_client, file_format)
    Member.objects.all().delete()

    report = members_import(text=as_import_text(content, file_format), dry_run=False)

    assert report.ok, (report.bad_rows, report.problems)
    assert report.new == 2
    after = exported_values(snapshot())
    assert after == before
    assert after["sum-films"][0]["phone"] == "+48 12 345 67 89"  # no apostrophe gained
    assert after["sum-films"][0]["tagline_pl"] == "'Cytat' na początku"


def test_csv_export_is_utf8_with_bom_and_defused(coordinator_client, members):
    content = download(coordinator_client, "csv")

    text = content.decode("utf-8")
    assert text.startswith("\ufeffname,")
    assert "'=SUM(A1) Films" in text
    assert "'+48 12 345 67 89" in text
    assert "''Cytat' na początku" in text
    assert "Łódź" in text


def test_xlsx_file_uploaded_to_the_desk_previews_without_changes(coordinator_client, members):
    content = download(coordinator_client, "xlsx")
    upload = SimpleUploadedFile(
        "members.xlsx", content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )

    response = coordinator_client.post("/admin/desk/import-members/", {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")

    html = response.content.decode()
    assert response.status_code == 200
    assert re.findall(r'<tr data-row="(\d+)">', html) == []  # no bad row
    assert 'name="payload"' in html
