"""Exports as CSV and Excel: one row per record, formulas neutralised."""

import csv
import io

import pytest
from openpyxl import load_workbook

from core.spreadsheets import write_xlsx
from tests.factories.digests import DigestDeliveryFactory
from tests.factories.events import RegistrationFactory
from tests.factories.members import MemberFactory, MemberServiceFactory
from tests.factories.productions import LeadResponseFactory, ProductionLeadFactory

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_export_members_csv_has_one_row_per_member_with_services(coordinator_client):
    member = MemberFactory(name="=HYPERLINK(evil)", slug="evil")
    MemberServiceFactory(member=member, category__slug="camera-rental")
    MemberFactory(name="Plain Films", slug="plain")

    response = coordinator_client.get("/admin/desk/export/members/?format=csv")

    rows = _csv(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0][:3] == ["name", "slug", "kind"]
    assert [(r[0], r[-1]) for r in rows[1:]] == [("'=HYPERLINK(evil)", "camera-rental"), ("Plain Films", "")]


def test_export_leads_csv_lists_the_interested_firms(coordinator_client):
    lead = ProductionLeadFactory(title_en="Winter Light", title_pl="Zimowe światło")
    LeadResponseFactory(lead=lead, member__name="Alpha Rental", status="interested")
    LeadResponseFactory(lead=lead, member__name="Beta Sound", status="declined")

    rows = _csv(coordinator_client.get("/admin/desk/export/leads/?format=csv", HTTP_ACCEPT_LANGUAGE="en"))

    header = rows[0]
    assert len(rows) == 2
    assert rows[1][header.index("interest count")] == "1"
    assert rows[1][header.index("interested firms")] == "Alpha Rental (Interested)"


def test_export_registrations_and_deliveries_have_one_row_each(coordinator_client):
    RegistrationFactory.create_batch(3)
    DigestDeliveryFactory(state="failed", last_error="timeout")

    registrations = _csv(coordinator_client.get("/admin/desk/export/registrations/?format=csv"))
    deliveries = _csv(coordinator_client.get("/admin/desk/export/deliveries/?format=csv", HTTP_ACCEPT_LANGUAGE="en"))

    assert len(registrations) == 4
    assert len(deliveries) == 2
    assert deliveries[1][deliveries[0].index("state")] == "Failed"


def _sheet(response) -> list[list]:
    workbook = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_export_xlsx_is_a_workbook_with_the_same_rows(coordinator_client):
    MemberFactory(name="Alpha & Omega <Films>", slug="alpha")

    response = coordinator_client.get("/admin/desk/export/members/?format=xlsx")

    rows = _sheet(response)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert rows[0][:3] == ["name", "slug", "kind"]
    assert len(rows) == 2
    assert rows[1][:2] == ["Alpha & Omega <Films>", "alpha"]


def test_export_unknown_kind_or_format_is_not_found(coordinator_client):
    assert coordinator_client.get("/admin/desk/export/passwords/").status_code == 404
    assert coordinator_client.get("/admin/desk/export/members/?format=pdf").status_code == 404


def test_chart_csv_holds_the_chart_table(coordinator_client):
    ProductionLeadFactory(kind="series")
    ProductionLeadFactory(kind="series")
    ProductionLeadFactory(kind="feature")

    rows = _csv(coordinator_client.get("/admin/desk/charts/leads-by-kind.csv", HTTP_ACCEPT_LANGUAGE="en"))

    assert rows == [["kind", "leads"], ["TV series", "2"], ["Feature film", "1"]]


def test_xlsx_writer_drops_characters_xml_cannot_hold():
    data = write_xlsx(["name", "count"], [["bell\x07 & <tag>", 3]])

    rows = [list(r) for r in load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)]
    assert rows == [["name", "count"], ["bell & <tag>", 3]]


def test_export_xlsx_keeps_values_as_typed_because_its_cells_are_never_formulas(coordinator_client):
    MemberFactory(name="=SUM(A1)", slug="sum", phone="+48 12 345 67 89")

    response = coordinator_client.get("/admin/desk/export/members/?format=xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    name, phone = sheet.cell(2, header.index("name") + 1), sheet.cell(2, header.index("phone") + 1)
    assert (name.value, name.data_type) == ("=SUM(A1)", "s")
    assert (phone.value, phone.data_type) == ("+48 12 345 67 89", "s")
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_export_csv_still_neutralises_a_phone_number_a_spreadsheet_would_evaluate(coordinator_client):
    MemberFactory(name="Plain Films", slug="plain", phone="+48 12 345 67 89")

    rows = _csv(coordinator_client.get("/admin/desk/export/members/?format=csv"))

    assert rows[1][rows[0].index("phone")] == "'+48 12 345 67 89"
