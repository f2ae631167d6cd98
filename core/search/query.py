"""What a person typed, as words with their alternatives, and the tsquery that matches them.

Each typed word matches a document word that starts with it (typing "kamer" finds
"kamera"), or any of its keys: its English stem, and the lemmas the vocabulary knows
for its folded form ("zdjeciach" -> "zdjecie"). Every word must match (AND). One
query reads the keys of all the words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.contrib.postgres.search import SearchQuery

from . import text, vocabulary

MAX_WORDS = 12
CONFIG = "simple"


@dataclass(frozen=True)
class QueryWord:
    typed: str  # lower case, as typed
    folded: str
    alternatives: frozenset[str]  # exact keys, besides the folded form as a prefix

    def tsquery(self, *, exact: bool = False) -> str:
        """The folded word as a prefix or any of its keys; with ``exact``, whole words
        only (for ranking: a document saying "kamera" above one saying "kamerowy")."""
        # Words are letters and digits only (core.search.text.words): no tsquery operator.
        if exact:
            return "(" + " | ".join(sorted(self.alternatives | {self.folded})) + ")"
        others = sorted(self.alternatives - {self.folded})
        return "(" + " | ".join([f"{self.folded}:*", *others]) + ")"

    def occurs(self, kind: str | None = None) -> bool:
        return vocabulary.occurs(self.folded, self.alternatives, kind=kind)


@dataclass(frozen=True)
class Query:
    text: str  # as typed, stripped
    words: tuple[QueryWord, ...]
    # When typos were corrected: the words searched instead, and the text as typed.
    corrected: bool = False
    original_text: str = ""

    def __bool__(self) -> bool:
        return bool(self.words)

    @property
    def folded_words(self) -> list[str]:
        return [word.folded for word in self.words]

    def search_query(self, words: tuple[QueryWord, ...] | None = None, *, exact: bool = False) -> SearchQuery | None:
        chosen = self.words if words is None else words
        if not chosen:
            return None
        raw = " & ".join(word.tsquery(exact=exact) for word in chosen)
        return SearchQuery(raw, search_type="raw", config=CONFIG)

    def all_occur(self, kind: str | None = None) -> bool:
        """Whether every word can match some public document (of ``kind``, a model's
        label, when given): the vocabulary holds their words, so when one cannot, the
        query as typed finds nothing public (there)."""
        return all(word.occurs(kind) for word in self.words)

    def without(self, dropped: set[int]) -> Query:
        """The same query less the words at these positions (a provider that reads a
        city out of the words, for instance)."""
        return replace(self, words=tuple(w for n, w in enumerate(self.words) if n not in dropped))


def _word(typed: str, keys: dict[str, frozenset[str]]) -> QueryWord:
    folded = text.fold_word(typed)
    alternatives = {folded, text.english_key(folded), *keys.get(folded, ())}
    return QueryWord(typed=typed, folded=folded, alternatives=frozenset(a for a in alternatives if a))


def parse(raw: str, *, also: tuple[str, ...] = ()) -> tuple[Query, dict[str, frozenset[str]]]:
    """The words of a query with their keys, and the keys of the folded words ``also``
    named (a provider's city names, say): one query for all of them."""
    cleaned = " ".join((raw or "").split())[:200]
    typed = text.words(cleaned)[:MAX_WORDS]
    keys = vocabulary.keys_of([*(text.fold_word(word) for word in typed), *also]) if typed else {}
    return Query(text=cleaned, words=tuple(_word(word, keys) for word in typed)), keys


def corrected(query: Query) -> Query | None:
    """The query with each word that matches nothing replaced by the closest word of the
    vocabulary; None when no word needs or finds a correction."""
    replacements = {}
    for position, word in enumerate(query.words):
        if not word.occurs():
            better = vocabulary.closest(word.folded)
            if better:
                replacements[position] = better
    if not replacements:
        return None
    typed = [replacements.get(n, word.typed) for n, word in enumerate(query.words)]
    keys = vocabulary.keys_of(replacements.values())
    words = tuple(_word(word, keys) if n in replacements else query.words[n] for n, word in enumerate(typed))
    return Query(text=" ".join(typed), words=words, corrected=True, original_text=query.text)
