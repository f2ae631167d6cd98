"""The service taxonomy as data: a JSON file a cluster can replace, loaded by
``python manage.py load_taxonomy`` (production-safe, idempotent).

The file (``members/data/taxonomy.json`` by default, ``TAXONOMY_FILE`` to name another)
lists the top-level areas in order, each with its services::

    {"categories": [
        {"slug": "post-production", "name": {"pl": "Postprodukcja", "en": "Post-production"},
         "children": [
            {"slug": "colour-grading", "name": {"pl": "Korekcja barwna", "en": "Colour grading"},
             "synonyms": {"pl": ["koloryzacja"], "en": ["colorist", "DI"]}}]}]}

Categories are matched by slug. By default the file is the truth for the categories it
names (names, order, parent, synonyms); with ``only_new`` existing categories are left as
the coordinator edited them and only missing ones are created. Nothing is ever deleted:
members' services point to categories, and a category the file no longer names is kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .models import ServiceCategory

LANGUAGES = ("pl", "en")


class TaxonomyFileError(ValueError):
    """The file cannot be read as a taxonomy; the message says where."""


@dataclass
class TaxonomyLoad:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    categories: dict[str, ServiceCategory] = field(default_factory=dict)


def default_file() -> Path:
    return Path(settings.TAXONOMY_FILE)


def read_taxonomy(path: Path) -> list[dict]:
    """The file's categories as rows ready for the database, parents first."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise TaxonomyFileError(f"{path}: {error}") from error
    areas = document.get("categories") if isinstance(document, dict) else None
    if not isinstance(areas, list) or not areas:
        raise TaxonomyFileError(f'{path}: expected {{"categories": [...]}} with at least one category')
    rows, seen = [], set()
    for position, area in enumerate(areas):
        rows.append(_row(area, parent=None, position=position * 10, where=f"categories[{position}]", seen=seen))
        for child_position, child in enumerate(area.get("children") or []):
            where = f"categories[{position}].children[{child_position}]"
            rows.append(_row(child, parent=area["slug"], position=child_position, where=where, seen=seen))
    return rows


def _row(entry, *, parent: str | None, position: int, where: str, seen: set[str]) -> dict:
    if not isinstance(entry, dict) or not isinstance(entry.get("slug"), str) or not entry["slug"].strip():
        raise TaxonomyFileError(f"{where}: every category needs a slug")
    slug = entry["slug"].strip()
    if slug in seen:
        raise TaxonomyFileError(f"{where}: the slug {slug!r} is used twice")
    seen.add(slug)
    names = entry.get("name") or {}
    if not all(isinstance(names.get(lang), str) and names[lang].strip() for lang in LANGUAGES):
        raise TaxonomyFileError(f"{where} ({slug}): a name in both languages is needed (pl, en)")
    synonyms = entry.get("synonyms") or {}
    row = {"slug": slug, "parent": parent, "position": position}
    for lang in LANGUAGES:
        row[f"name_{lang}"] = names[lang].strip()
        words = synonyms.get(lang) or []
        if isinstance(words, str):
            words = words.split(",")
        row[f"synonyms_{lang}"] = ", ".join(w.strip() for w in words if w.strip())
    return row


@transaction.atomic
def load_taxonomy(path: Path | None = None, *, only_new: bool = False) -> TaxonomyLoad:
    """Create or bring up to date every category of the file; see the module's docstring."""
    rows = read_taxonomy(path or default_file())
    result = TaxonomyLoad()
    existing = {c.slug: c for c in ServiceCategory.objects.filter(slug__in=[r["slug"] for r in rows])}
    for row in rows:
        values = {key: value for key, value in row.items() if key not in {"slug", "parent"}}
        values["parent"] = result.categories[row["parent"]] if row["parent"] else None
        category = existing.get(row["slug"])
        if category is None:
            category = ServiceCategory.objects.create(slug=row["slug"], **values)
            result.created.append(row["slug"])
        elif only_new or all(getattr(category, key) == value for key, value in values.items()):
            result.unchanged.append(row["slug"])
        else:
            for key, value in values.items():
                setattr(category, key, value)
            category.save()  # through save(): the members' search documents follow
            result.updated.append(row["slug"])
        result.categories[row["slug"]] = category
    return result
