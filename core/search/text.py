"""The words of a text as search keys, the same way for documents and queries.

Three normalisations, all in Python so that PostgreSQL only matches ready words (no
``unaccent`` or ``pg_trgm`` extension needed):

* folding: lower case without diacritics ("Łódź" -> "lodz");
* Polish inflection: Morfeusz 2 (the SGJP dictionary, shipped in the PyPI wheel) gives
  the lemmas of a word ("kamerami" -> "kamera", "Łodzi" -> "łódź"); see the README for
  why Morfeusz rather than a stemmer;
* English: British spellings become American ones ("colour" -> "color", "organise" ->
  "organize") and the Snowball stemmer reduces the word ("lights" -> "light").

A document is indexed under every word's folded form *and* its keys; a query word
matches any of them (``core.search.query``). The dictionary is loaded on first use
only (0.2 s, 45 MB), by whichever process indexes: web workers that only search find
the keys of a typed word in the vocabulary table (``core.search.vocabulary``) instead.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer

# Letters that do not decompose into a base letter and a combining mark.
_EXTRA_FOLDS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D"})
# Letters and digits only: "make-up" is two words, and "_" never reaches a tsquery.
_WORD = re.compile(r"[^\W_]+")
MAX_WORD_LENGTH = 60

# Words that say nothing about what is searched for; dropped from documents and queries.
STOP_WORDS = frozenset(
    """
    a an and are as at be by for from in is it of on or the to with we our your you
    i w we z ze na do dla o od po pod przy oraz lub czy jest to sie się jak oraz nad
    ich jego jej ktore które ktory który tak nie ale że ze oraz u
    """.split()
)

# British spellings and their American form, matched at the start of a folded word
# ("colourist" -> "colorist"). Only stems that cannot start another common word.
_BRITISH_PREFIXES = {
    "colour": "color", "favour": "favor", "behaviour": "behavior", "honour": "honor", "labour": "labor",
    "neighbour": "neighbor", "harbour": "harbor", "humour": "humor", "flavour": "flavor", "armour": "armor",
    "rumour": "rumor", "vapour": "vapor", "endeavour": "endeavor", "savour": "savor", "odour": "odor",
    "centre": "center", "theatre": "theater", "metre": "meter", "litre": "liter", "fibre": "fiber",
    "calibre": "caliber", "sombre": "somber", "spectre": "specter", "manoeuvr": "maneuver",
    "programme": "program", "catalogue": "catalog", "dialogue": "dialog", "analogue": "analog",
    "monologue": "monolog", "travell": "travel", "modell": "model", "labell": "label", "cancell": "cancel",
    "licence": "license", "defence": "defense", "offence": "offense", "practis": "practic",
    "aluminium": "aluminum", "jewellery": "jewelry", "grey": "gray", "tyre": "tire", "mould": "mold",
    "plough": "plow", "cheque": "check", "sceptic": "skeptic", "storey": "story", "draught": "draft",
    "aeroplane": "airplane", "artefact": "artifact", "enrol": "enroll", "fulfil": "fulfill", "kerb": "curb",
}  # fmt: skip
# -ise/-isation/-yse words that are not British spellings of an -ize word.
_ISE_WORDS = frozenset(
    """
    advertis advis appris arbitris chastis circumcis comprimis compris compromis concis
    demis despis devis disguis enterpris excis exercis expertis franchis improvis incis
    merchandis poised precis premis promis reprimis revis ris supervis surmis surpris televis wis
    noise cruise raise praise bruise paradise anise
    """.split()
)
_ISE = re.compile(r"^(?P<stem>[a-z]{2,}?)(?P<s>is|ys)(?P<end>e|es|ed|er|ers|ing|ation|ations|ational)$")

_english = snowballstemmer.stemmer("english")


def fold(text: str) -> str:
    """Lower-case text without diacritics: 'Łódź – zdjęcia' -> 'lodz – zdjecia'."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_EXTRA_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@functools.lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """A folded word that is still only letters and digits (NFKD turns "½" into "1⁄2")."""
    return "".join(_WORD.findall(fold(word)))


def words(text: str) -> list[str]:
    """The words of a text, lower-cased with their diacritics, without stop words."""
    return [
        word
        for word in _WORD.findall((text or "").lower())
        if len(word) <= MAX_WORD_LENGTH and word not in STOP_WORDS and fold_word(word) not in STOP_WORDS
    ]


def american(folded: str) -> str:
    """The American spelling of a folded English word ("colours" -> "colors")."""
    for british, us in _BRITISH_PREFIXES.items():
        if folded.startswith(british):
            return us + folded[len(british) :]
    match = _ISE.match(folded)
    if match and (match["stem"] + match["s"]) not in _ISE_WORDS and folded not in _ISE_WORDS:
        return f"{match['stem']}{'iz' if match['s'] == 'is' else 'yz'}{match['end']}"
    return folded


@functools.cache
def _morfeusz():
    import morfeusz2  # noqa: PLC0415 - its dictionary is loaded only by processes that index

    return morfeusz2.Morfeusz(generate=False, expand_tags=False, whitespace=morfeusz2.SKIP_WHITESPACES)


@functools.cache
def _generator():
    import morfeusz2  # noqa: PLC0415 - as in _morfeusz

    return morfeusz2.Morfeusz(analyse=False, expand_tags=False)


_PERSONAL_NAMES = {"imię", "nazwisko"}


@functools.lru_cache(maxsize=200_000)
def polish_lemmas(word: str) -> frozenset[str]:
    """Lemmas of a Polish word form (empty for a word the dictionary does not know), in
    the dictionary's case ("Kraków"), which its generator needs.

    Readings as a first name or surname are dropped when the word has another one, so
    "Krakowie" is the city, not the plural of a surname Krak.
    """
    readings = [
        (lemma.split(":")[0], set(names))
        for _start, _end, (_form, lemma, tag, names, _qualifiers) in _morfeusz().analyse(word)
        if tag != "ign" and lemma
    ]
    common = [lemma for lemma, names in readings if not names & _PERSONAL_NAMES]
    return frozenset(common or [lemma for lemma, _names in readings])


@functools.lru_cache(maxsize=50_000)
def polish_forms(lemma: str) -> frozenset[str]:
    """Every inflected form of a Polish lemma ("zdjęcie" -> "zdjęcia", "zdjęć", ...)."""
    try:
        generated = _generator().generate(lemma)
    except RuntimeError:  # a lemma the generator has no paradigm for
        return frozenset()
    return frozenset(form.lower() for form, *_rest in generated)


@functools.lru_cache(maxsize=200_000)
def english_key(folded: str) -> str:
    return _english.stemWord(american(folded))


@functools.lru_cache(maxsize=200_000)
def word_keys(word: str) -> frozenset[str]:
    """Everything a document word is indexed under: its folded form, the folded lemmas
    of its Polish readings and its English stem."""
    folded = fold_word(word)
    keys = {folded, english_key(folded)}
    keys.update(fold_word(lemma) for lemma in polish_lemmas(word))
    return frozenset(key for key in keys if key)


def lexemes(text: str) -> list[str]:
    """The lexemes a text is indexed under, in order (each word's keys, deduplicated)."""
    result: list[str] = []
    for word in words(text):
        result.extend(sorted(word_keys(word)))
    return result
