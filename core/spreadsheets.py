"""Cells for CSV files the coordinator opens in a spreadsheet."""


def csv_safe(value) -> str:
    """The value as text, defused against CSV injection (OWASP): spreadsheets run a cell
    that starts with = + - @ as a formula, also behind a leading tab or carriage return, so
    such a cell gets a leading apostrophe. Names, notes and titles typed by strangers
    reach these files."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
