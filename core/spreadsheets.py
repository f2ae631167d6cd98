"""Spreadsheets the coordinator downloads and uploads: CSV and XLSX, one way for both.

Every dataset is a django-import-export resource (``SpreadsheetResource``) kept by the
app that owns the rows; the desk and the admin export through it, and what an export
wrote an import reads back unchanged.

Formula injection (OWASP "CSV injection"): a spreadsheet runs a cell that starts with
``= + - @`` (also behind a tab or carriage return) as a formula, and names, phones and
notes typed by strangers reach these files.

- In **CSV** such a cell gets a leading apostrophe, which spreadsheets take as "this is
  text". So that the apostrophe never becomes part of the value, a cell that starts with
  an apostrophe of its own gets one more, and an import takes exactly one away:
  ``"+48 12 …"`` → ``"'+48 12 …"`` → ``"+48 12 …"``. Files are UTF-8 with a BOM, so
  Excel shows Polish letters.
- In **XLSX** (openpyxl) every text is written as a string cell, which is never
  evaluated: the values go in as they are, with nothing added.
"""

from __future__ import annotations

import io

import tablib
from django.http import HttpResponse
from django.utils import timezone
from import_export import resources
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def csv_safe(value) -> str:
    """The value as a CSV cell no spreadsheet runs as a formula (see the module)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in (*FORMULA_STARTS, "'") else text


def csv_value(cell: str) -> str:
    """The value ``csv_safe`` wrote into a cell."""
    return cell[1:] if cell[:1] == "'" else cell


class SpreadsheetResource(resources.ModelResource):
    """A resource for CSV or XLSX: ``Resource(file_format="csv")``."""

    def __init__(self, *args, file_format: str = "csv", **kwargs):
        super().__init__(*args, **kwargs)
        self.file_format = file_format

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return csv_safe(value) if self.file_format == "csv" and isinstance(value, str) else value

    def before_import_row(self, row, **kwargs):
        if self.file_format == "csv":
            for key, value in list(row.items()):
                if isinstance(value, str):
                    row[key] = csv_value(value)
        super().before_import_row(row, **kwargs)


def export_file(resource: SpreadsheetResource, *, sheet_name: str = "export", only=None) -> tuple[bytes, str]:
    """The resource's rows (``only``: those in this queryset) as file content and its type."""
    queryset = resource.get_queryset()
    if only is not None:
        queryset = queryset.filter(pk__in=only.values("pk"))
    dataset = resource.export(queryset=queryset)
    if resource.file_format == "xlsx":
        return write_xlsx(dataset.headers, list(dataset), sheet_name=sheet_name), XLSX_TYPE
    return ("\ufeff" + dataset.csv).encode("utf-8"), CSV_TYPE


def write_xlsx(headers, rows, *, sheet_name: str = "export") -> bytes:
    """One sheet, a header row, text cells as strings (never formulas), numbers as numbers."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name[:31]
    for row_number, values in enumerate([headers, *rows], start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_number, column=column)
            if value is None or isinstance(value, bool) or not isinstance(value, int | float):
                # XML cannot hold control characters: dropped, the rest kept as typed.
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))
                cell.data_type = "s"
            else:
                cell.value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_dataset(content: bytes | str, file_format: str) -> tablib.Dataset:
    """An uploaded file as a dataset; ValueError when it cannot be read as that format."""
    if file_format == "xlsx":
        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
            raise ValueError(str(exc)) from exc
        rows = [["" if v is None else v for v in row] for row in workbook.active.iter_rows(values_only=True)]
        workbook.close()
        if not rows:
            raise ValueError("the sheet is empty")
        dataset = tablib.Dataset(headers=[str(h).strip() for h in rows[0]])
        for row in rows[1:]:
            if any(str(v).strip() for v in row):
                dataset.append([str(v) if not isinstance(v, str) else v for v in row])
        return dataset
    text = content.decode("utf-8-sig") if isinstance(content, bytes) else content.removeprefix("\ufeff")
    dataset = tablib.Dataset().load(text, format="csv")
    dataset.headers = [(h or "").strip() for h in dataset.headers]
    return dataset


def xlsx_as_csv(content: bytes) -> str:
    """An uploaded workbook's first sheet as the CSV an export would have written, so
    that one import path reads both (each value comes back exactly as in the sheet)."""
    sheet = read_dataset(content, "xlsx")
    dataset = tablib.Dataset(headers=[csv_safe(h) for h in sheet.headers])
    for row in sheet:
        dataset.append([csv_safe(value) for value in row])
    return dataset.csv


def export_response(resource: SpreadsheetResource, *, name: str, only=None) -> HttpResponse:
    """A download of the resource's rows, named ``<name>-<local time>.<format>``."""
    content, content_type = export_file(resource, sheet_name=name, only=only)
    response = HttpResponse(content, content_type=content_type)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{resource.file_format}"'
    return response
