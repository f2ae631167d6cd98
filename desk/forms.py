from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from core import spreadsheets

from .selectors import Period

MAX_PERIOD_DAYS = 366 * 5
# Month and week buckets step past the period's ends; near date.max (9999-12-31) that
# overflows, and no activity of a cluster lies outside these years anyway.
EARLIEST = date(1990, 1, 1)
LATEST = date(2100, 12, 31)
MAX_IMPORT_BYTES = 2 * 1024 * 1024


class PeriodForm(forms.Form):
    """The period the charts cover; an empty or invalid form means the last 12 months."""

    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, data=None, **kwargs):
        default = Period.default()
        kwargs.setdefault("initial", {"start": default.start, "end": default.end})
        super().__init__(data, **kwargs)

    def clean(self):
        data = super().clean()
        for name in ("start", "end"):
            if data.get(name) and not EARLIEST <= data[name] <= LATEST:
                self.add_error(
                    name,
                    _("Enter a date between %(earliest)s and %(latest)s.")
                    % {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()},
                )
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end of the period cannot come before its start."))
            elif end - start > timedelta(days=MAX_PERIOD_DAYS):
                self.add_error("end", _("Choose a period of at most five years."))
        return data

    def period(self) -> Period:
        if self.is_bound and self.is_valid():
            return Period(self.cleaned_data["start"], self.cleaned_data["end"])
        return Period.default()


class MemberImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "CSV (UTF-8, comma-separated) or Excel (.xlsx), with a header row, as the export writes them. "
            "Columns: name, slug, kind, status, is_public, city, "
            "address, postal_code, website, email, phone, year_founded, member_since, tagline_pl, tagline_en, "
            "description_pl, description_en, services (service slugs separated by ';'). Only name and city "
            "are required; an empty slug is made from the name. A row whose slug is already taken updates "
            "that member with the file's values, and services are added, never removed."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        raw = upload.read()
        if raw[:4] == b"PK\x03\x04":  # a workbook (.xlsx), as the export writes it
            try:
                return spreadsheets.xlsx_as_csv(raw)
            except ValueError as exc:
                raise forms.ValidationError(_("The file could not be read as an Excel workbook.")) from exc
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(_("The file is not UTF-8 text. Save it as “CSV UTF-8”.")) from exc
        if not text.strip():
            raise forms.ValidationError(_("The file is empty."))
        return text
