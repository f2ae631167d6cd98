"""The normalisation shared by every index: folding, Polish lemmas, English stems, spellings."""

import pytest

from core.search import text


def test_fold_removes_polish_diacritics():
    assert text.fold("Łódź, zdjęcia, ŻÓŁĆ") == "lodz, zdjecia, zolc"


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("kamerami", "kamera"),
        ("kamery", "kamera"),
        ("łodzi", "lodz"),
        ("krakowie", "krakow"),
        ("scenografii", "scenografia"),
        ("dronów", "dron"),
        ("zdjęć", "zdjecie"),
        ("lights", "light"),
        ("colours", "color"),
        ("colourist", "colorist"),
        ("organisation", "organiz"),
        ("programme", "program"),
        ("grey", "gray"),
    ],
)
def test_word_keys_include_the_lemma_or_stem(word, key):
    assert key in text.word_keys(word)


def test_krakowie_is_the_city_not_a_surname():
    assert text.polish_lemmas("krakowie") == frozenset({"Kraków"})


@pytest.mark.parametrize("word", ["advertise", "exercise", "promise", "surprise", "noise"])
def test_ise_words_that_are_not_british_spellings_stay(word):
    assert text.american(word) == word


def test_words_drop_stop_words_and_punctuation():
    assert text.words("Kamery w Krakowie & the make-up") == ["kamery", "krakowie", "make", "up"]


def test_inflected_forms_of_a_lemma():
    assert {"zdjęcia", "zdjęć", "zdjęciach"} <= text.polish_forms("zdjęcie")
