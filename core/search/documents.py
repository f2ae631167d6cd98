"""A search document from weighted texts: the stored text and its tsvector.

An app gives the texts of one row by weight, "A" (names, services: what a thing *is*)
to "D" (incidental words), and stores the two results in its ``search_document`` and
``search_vector`` fields. The tsvector is written out here, lexeme by lexeme, and cast
by PostgreSQL; its ``simple`` parser never sees the words, so every lexeme is exactly
one of ``core.search.text.word_keys``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.contrib.postgres.search import SearchVectorField
from django.db.models import Value
from django.db.models.functions import Cast

from . import text

WEIGHTS = ("A", "B", "C", "D")
_MAX_POSITION = 16383  # PostgreSQL's limit for a tsvector position
_POSITIONS_PER_LEXEME = 8  # ts_rank needs a few occurrences, not all of them


def document_text(groups: Mapping[str, Iterable[str | None]]) -> str:
    """The words of every group, lower-cased with their diacritics (for the vocabulary)."""
    return " ".join(" ".join(text.words(part)) for weight in WEIGHTS for part in groups.get(weight, ()) if part)


def tsvector_literal(groups: Mapping[str, Iterable[str | None]], *, positions: bool = True) -> str:
    """``'kamera':1A,7B 'dron':3A`` for the texts of each weight; without ``positions``,
    ``'dron' 'kamera'``: a vector that only matches (no ranking, no weights), about a
    third smaller, for a model that ranks by another vector."""
    if not positions:
        keys = {
            key
            for weight in WEIGHTS
            for part in groups.get(weight, ())
            for word in text.words(part or "")
            for key in text.word_keys(word)
        }
        return " ".join(f"'{_quote(key)}'" for key in sorted(keys))
    found: dict[str, list[str]] = {}
    position = 0
    for weight in WEIGHTS:
        for part in groups.get(weight, ()):
            for word in text.words(part or ""):
                position = min(position + 1, _MAX_POSITION)
                for key in text.word_keys(word):
                    entries = found.setdefault(key, [])
                    if len(entries) < _POSITIONS_PER_LEXEME:
                        entries.append(f"{position}{weight}")
    return " ".join(f"'{_quote(key)}':{','.join(entries)}" for key, entries in sorted(found.items()))


def _quote(lexeme: str) -> str:
    return lexeme.replace("\\", "\\\\").replace("'", "''")


def vector_value(literal: str) -> Cast:
    """The expression that stores a tsvector literal in a SearchVectorField."""
    return Cast(Value(literal), output_field=SearchVectorField())


def build(groups: Mapping[str, Iterable[str | None]], *, positions: bool = True) -> tuple[str, Cast]:
    """``(search_document, search_vector expression)`` for one row."""
    return document_text(groups), vector_value(tsvector_literal(groups, positions=positions))
