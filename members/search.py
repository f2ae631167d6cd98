"""Full-text search insensitive to Polish diacritics, without the unaccent extension.

Both sides are folded the same way in Python: the stored search document of each
member (``Member.search_document``, kept current by ``members.services`` through
signals) and the words a producer types. PostgreSQL then matches the folded words
with its ``simple`` text-search configuration, so "lodz" finds "Łódź" and "zdjecia"
finds "zdjęcia" on any PostgreSQL, including one without contrib extensions.
"""

from __future__ import annotations

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery

# Letters that do not decompose into a base letter and a combining mark.
_EXTRA_FOLDS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D"})
_WORD = re.compile(r"\w+")
SEARCH_CONFIG = "simple"


def fold(text: str) -> str:
    """Lower-case text without diacritics: 'Łódź – zdjęcia' -> 'lodz – zdjecia'."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_EXTRA_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def search_words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def search_query(text: str) -> SearchQuery | None:
    """Every typed word must match the start of a word in the document ('zdjec' finds 'zdjęcia')."""
    words = search_words(text)[:12]
    if not words:
        return None
    # The words are \w+ only, so they cannot carry tsquery operators.
    raw = " & ".join(f"{word}:*" for word in words)
    return SearchQuery(raw, search_type="raw", config=SEARCH_CONFIG)


def member_document(member) -> str:
    """Everything a producer may search for, in both languages, folded."""
    parts = [
        member.name,
        member.city,
        member.tagline_pl,
        member.tagline_en,
        member.description_pl,
        member.description_en,
    ]
    for service in member.services.all():
        parts += [service.category.name_pl, service.category.name_en, service.description_pl, service.description_en]
        if service.category.parent_id:
            parts += [service.category.parent.name_pl, service.category.parent.name_en]
    for credit in member.credits.all():
        parts += [credit.title, credit.role_pl, credit.role_en]
    for resource in member.resources.all():
        parts += [resource.name_pl, resource.name_en]
    return fold(" ".join(part for part in parts if part))
