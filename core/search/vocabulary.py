"""The index's own vocabulary: which keys a typed word stands for, and typo corrections.

``SearchTerm`` rows map a folded word form to its search keys. Indexing a document
records its new words (``record``) together with every inflected form of their Polish
lemmas, so a query needs no dictionary: one lookup gives the keys of all its words
(``keys_of``). ``rebuild`` recounts everything from the stored documents of every
search provider (management command ``rebuild_search_index`` and a nightly task).

Each word also knows the kinds of document it occurs in (a model's label,
"news.post"), so the site search need not ask a provider whose public documents cannot
hold every typed word (``occurs(..., kind=)``). The vocabulary only ever gains words
between rebuilds, so it holds at least every public document's words: a skipped
provider could not have found anything public. Until every word carries its kinds
(a vocabulary written before they were kept, until its next rebuild) nothing is skipped.

Typo corrections compare a word that matches nothing with the words that occur in
documents (edit distance 1 for short words, 2 for longer ones; the most frequent of the
closest wins). Each process keeps those words in memory and reloads them when the
version in the cache changes, which a recorded new word or a rebuild does.
"""

from __future__ import annotations

import bisect
import contextlib
import contextvars
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import QuerySet
from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..models import SearchTerm
from . import text

VERSION_KEY = "search:vocabulary"
_BATCH = 1000


def keys_of(terms: Iterable[str]) -> dict[str, frozenset[str]]:
    """Keys of each folded term that the vocabulary knows (one query)."""
    wanted = sorted(set(terms))
    if not wanted:
        return {}
    return {
        term: frozenset(keys) for term, keys in SearchTerm.objects.filter(term__in=wanted).values_list("term", "keys")
    }


Rows = dict[str, tuple[set[str], int, set[str]]]  # term: (keys, frequency, kinds)


def _rows_for(words: Iterable[str], frequencies: dict[str, int], kinds: dict[str, set[str]]) -> Rows:
    """Vocabulary rows for document words: each word with its documents and the kinds of
    document it is in, and each form of its lemmas."""
    rows: Rows = {}

    def add(term: str, keys: Iterable[str], frequency: int, in_kinds: Iterable[str] = ()) -> None:
        if not term or len(term) > text.MAX_WORD_LENGTH:
            return
        known_keys, known_frequency, known_kinds = rows.get(term, (set(), 0, set()))
        known_keys.update(key for key in keys if key and len(key) <= text.MAX_WORD_LENGTH)
        known_kinds.update(in_kinds)
        rows[term] = (known_keys, known_frequency + frequency, known_kinds)

    for word in words:
        folded = text.fold_word(word)
        add(folded, text.word_keys(word), frequencies.get(word, 1), kinds.get(word, ()))
        for lemma in text.polish_lemmas(word):
            for form in text.polish_forms(lemma):
                add(text.fold_word(form), [text.fold_word(lemma)], 0)
    return rows


_UPSERT = """
INSERT INTO core_searchterm (term, keys, frequency, kinds) VALUES {values}
ON CONFLICT (term) DO UPDATE SET
    keys = ARRAY(SELECT DISTINCT k FROM unnest(core_searchterm.keys || EXCLUDED.keys) AS k ORDER BY k),
    frequency = GREATEST(core_searchterm.frequency, EXCLUDED.frequency),
    kinds = ARRAY(SELECT DISTINCT k FROM unnest(core_searchterm.kinds || EXCLUDED.kinds) AS k ORDER BY k)
"""


def _write(rows: Rows, sql: str) -> None:
    items = sorted(rows.items())  # one order for every writer: concurrent upserts cannot deadlock
    with connection.cursor() as cursor:
        for start in range(0, len(items), _BATCH):
            batch = items[start : start + _BATCH]
            params: list = []
            for term, (keys, frequency, kinds) in batch:
                params += [term, sorted(keys), frequency, sorted(kinds)]
            values = ", ".join(["(%s, %s::varchar[], %s, %s::varchar[])"] * len(batch))
            cursor.execute(sql.format(values=values), params)


def kind_of(queryset_or_model) -> str:
    """The kind of document a queryset's (or model's) rows are: the model's label."""
    model = getattr(queryset_or_model, "model", queryset_or_model)
    return model._meta.label_lower


def record(words: Iterable[str], *, kind: str) -> None:
    """Add the words of a document of ``kind`` the vocabulary does not hold yet, or not
    yet for that kind (two queries when there is something new, one otherwise)."""
    by_term = {text.fold_word(word) for word in set(words)}
    by_term.discard("")
    if not by_term:
        return
    present = {
        term: (set(keys), set(kinds))
        for term, keys, kinds in SearchTerm.objects.filter(term__in=list(by_term), frequency__gt=0).values_list(
            "term", "keys", "kinds"
        )
    }
    # "Kraków" and "Krakow" share a row; a word is new while its own keys are not all
    # there, or it was not known in this kind of document yet.
    new_words = []
    for word in set(words):
        keys, kinds = present.get(text.fold_word(word), (set(), set()))
        if not text.word_keys(word) <= keys or kind not in kinds:
            new_words.append(word)
    if not new_words:
        return
    _write(_rows_for(new_words, {}, {word: {kind} for word in new_words}), _UPSERT)
    bump()  # this transaction sees the new words now,
    transaction.on_commit(bump)  # other processes once they are committed


def bump() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _word_frequencies(querysets: Iterable[QuerySet]) -> tuple[dict[str, int], dict[str, set[str]]]:
    """Documents per word over the ``search_document`` of every row of the querysets,
    and the kinds of document each word is in."""
    frequencies: dict[str, int] = {}
    kinds: dict[str, set[str]] = {}
    with connection.cursor() as cursor:
        for queryset in querysets:
            sql, params = queryset.order_by().values("search_document").query.sql_with_params()
            # ts_stat() takes its documents as the text of a query: the ORM's own SQL with
            # its parameters quoted by the driver, never text from a request.
            inner = connection.ops.compose_sql(sql, params)
            documents_sql = f"SELECT to_tsvector('simple', search_document) FROM ({inner}) AS documents"  # noqa: S608
            cursor.execute("SELECT word, ndoc FROM ts_stat(%s)", [documents_sql])
            kind = kind_of(queryset)
            for word, ndoc in cursor.fetchall():
                frequencies[word] = frequencies.get(word, 0) + ndoc
                kinds.setdefault(word, set()).add(kind)
    return frequencies, kinds


@transaction.atomic
def rebuild(querysets: Iterable[QuerySet]) -> int:
    """Replace the vocabulary with the words of these documents; returns its size."""
    frequencies, kinds = _word_frequencies(querysets)
    rows = _rows_for(frequencies, frequencies, kinds)
    SearchTerm.objects.all().delete()
    _write(rows, _UPSERT)
    transaction.on_commit(bump)
    return len(rows)


@dataclass
class _Loaded:
    version: str | None = None
    occurring: list[str] = field(default_factory=list)  # words of documents, sorted (prefix checks)
    keys: set[str] = field(default_factory=set)  # every key of those words
    terms: list[str] = field(default_factory=list)  # every form, generated ones too (corrections)
    weight: list[int] = field(default_factory=list)  # documents with the form, or with its lemma
    # Per kind of document, its words (sorted) and their keys; None until every word
    # of the vocabulary knows its kinds.
    kinds: dict[str, tuple[list[str], set[str]]] | None = None


_loaded = _Loaded()
_pinned: contextvars.ContextVar[_Loaded | None] = contextvars.ContextVar("search_vocabulary", default=None)


@contextlib.contextmanager
def pinned():
    """One version of the vocabulary for a whole search: its words are checked against
    the cache's version once, not at every word of every provider."""
    token = _pinned.set(_current())
    try:
        yield
    finally:
        _pinned.reset(token)


def _current() -> _Loaded:
    global _loaded
    if (snapshot := _pinned.get()) is not None:
        return snapshot
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    if _loaded.version != version:
        rows = list(SearchTerm.objects.values_list("term", "frequency", "keys", "kinds"))
        loaded = _Loaded(version=version)
        loaded.occurring = sorted(term for term, frequency, _k, _kinds in rows if frequency)
        loaded.keys = {key for _t, frequency, keys, _kinds in rows if frequency for key in keys} | set(loaded.occurring)
        # A generated form ("kamerami") weighs as much as the most frequent word it shares a key with.
        by_key: dict[str, int] = {}
        for _t, frequency, keys, _kinds in rows:
            for key in keys:
                by_key[key] = max(by_key.get(key, 0), frequency)
        loaded.terms = [term for term, _f, _k, _kinds in rows]
        loaded.weight = [
            max([frequency, *(by_key.get(key, 0) for key in keys)]) for _t, frequency, keys, _kinds in rows
        ]
        if all(kinds for _t, frequency, _k, kinds in rows if frequency):
            by_kind: dict[str, tuple[list[str], set[str]]] = {}
            for term, frequency, keys, kinds in rows:
                for kind in kinds if frequency else ():
                    words, kind_keys = by_kind.setdefault(kind, ([], set()))
                    words.append(term)
                    kind_keys.update(keys)
                    kind_keys.add(term)
            for words, _kind_keys in by_kind.values():
                words.sort()
            loaded.kinds = by_kind
        _loaded = loaded
    return _loaded


def occurs(folded: str, alternatives: Iterable[str], *, kind: str | None = None) -> bool:
    """Whether a query word can match a public document (of ``kind``, when given and the
    vocabulary knows the kinds; otherwise of any kind): a word starts with it, or a key is it."""
    vocabulary = _current()
    occurring, keys = vocabulary.occurring, vocabulary.keys
    if kind is not None and vocabulary.kinds is not None:
        occurring, keys = vocabulary.kinds.get(kind, ([], set()))
    index = bisect.bisect_left(occurring, folded)
    if index < len(occurring) and occurring[index].startswith(folded):
        return True
    return any(key in keys for key in alternatives)


def closest(folded: str) -> str | None:
    """The nearest word form of the vocabulary to a word that matches nothing (a swap of
    two letters counts as one edit), the most frequent one of equally near ones."""
    if len(folded) < 3:
        return None
    limit = 1 if len(folded) <= 5 else 2
    vocabulary = _current()
    found = process.extract(folded, vocabulary.terms, scorer=OSA.distance, score_cutoff=limit, limit=100)
    candidates = [
        (distance, -vocabulary.weight[index], term)
        for term, distance, index in found
        if term != folded and vocabulary.weight[index]
    ]
    return min(candidates)[2] if candidates else None
