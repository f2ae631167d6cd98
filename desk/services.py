"""Writes of the coordinator's desk: the import of members from CSV.

The import runs in one transaction through django-import-export. ``dry_run=True``
rolls everything back, whatever happened, so the preview saves nothing; a real import
with any bad row is rolled back as a whole, so a file is loaded completely or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import tablib
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _

from core import spreadsheets
from members.resources import MemberResource


@dataclass
class BadRow:
    number: int
    name: str
    reasons: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    total: int
    new: int
    updated: int
    bad_rows: list[BadRow]
    problems: list[str]
    # (row number, member name, "new" or "update") for every row that would be saved.
    planned: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.bad_rows and not self.problems


def _dataset(text: str) -> tablib.Dataset:
    dataset = spreadsheets.read_dataset(text, "csv")
    if "slug" not in dataset.headers:
        dataset.append_col([""] * len(dataset), header="slug")
    return dataset


def members_import(*, text: str, dry_run: bool) -> ImportReport:
    resource = MemberResource(file_format="csv")
    try:
        dataset = _dataset(text)
    except Exception as exc:  # noqa: BLE001 - any parse failure is the file's fault, told to the user
        return ImportReport(0, 0, 0, [], [_("The file could not be read as CSV: %(error)s") % {"error": exc}])
    missing = [column for column in ("name", "city") if column not in dataset.headers]
    if missing:
        return ImportReport(
            len(dataset), 0, 0, [], [_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}]
        )
    result = resource.import_data(dataset, dry_run=dry_run, raise_errors=False, use_transactions=True)
    columns = {f.attribute: f.column_name for f in resource.get_import_fields()}
    bad: dict[int, BadRow] = {}
    for invalid in result.invalid_rows:
        row = bad.setdefault(invalid.number, BadRow(invalid.number, str(invalid.values[0] if invalid.values else "")))
        for name, messages in invalid.error_dict.items():
            label = "" if name == NON_FIELD_ERRORS else f"{columns.get(name, name)}: "
            row.reasons.extend(f"{label}{message}" for message in messages)
    for number, errors in result.row_errors():
        values = dataset[number - 1] if 0 < number <= len(dataset) else ()
        name_index = dataset.headers.index("name")
        row = bad.setdefault(number, BadRow(number, str(values[name_index]) if values else ""))
        row.reasons.extend(str(error.error) for error in errors)
    problems = [str(error.error) for error in result.base_errors]
    planned = [
        (number, row.object_repr or "", row.import_type)
        for number, row in enumerate(result.rows, start=1)
        if row.import_type in ("new", "update")
    ]
    totals = result.totals
    return ImportReport(
        total=result.total_rows,
        new=totals.get("new", 0),
        updated=totals.get("update", 0),
        bad_rows=sorted(bad.values(), key=lambda r: r.number),
        problems=problems,
        planned=planned,
    )
