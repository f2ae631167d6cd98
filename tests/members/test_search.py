import pytest
from django.http import QueryDict

from core.search.text import fold, words
from members.selectors import catalogue_page
from tests.factories.members import (
    CreditFactory,
    MemberFactory,
    MemberServiceFactory,
    ResourceFactory,
    ServiceCategoryFactory,
)


def search(text):
    data = QueryDict(mutable=True)
    data["q"] = text
    return sorted(member.slug for member in catalogue_page(data, page_number=1, per_page=100).members)


def test_fold_removes_polish_diacritics():
    assert fold("Łódź, zdjęcia, ŻÓŁĆ, gęślą jaźń") == "lodz, zdjecia, zolc, gesla jazn"


def test_search_words_keep_only_word_characters():
    assert words("kamera & 'Łódź' | !:*") == ["kamera", "łódź"]


@pytest.mark.django_db
def test_search_lodz_finds_lodz_with_diacritics():
    MemberFactory(slug="lodzka", city="Łódź")
    MemberFactory(slug="krakowska", city="Kraków")

    assert search("lodz") == ["lodzka"]


@pytest.mark.django_db
def test_search_zdjecia_finds_zdjecia_with_diacritics():
    MemberFactory(slug="operatorzy", description_pl="Robimy zdjęcia do filmów fabularnych.")
    MemberFactory(slug="dzwiek", description_pl="Postprodukcja dźwięku.")

    assert search("zdjecia") == ["operatorzy"]


@pytest.mark.django_db
def test_search_with_diacritics_in_query_finds_the_same():
    MemberFactory(slug="lodzka", city="Łódź")

    assert search("ŁÓDŹ") == ["lodzka"]


@pytest.mark.django_db
def test_search_matches_word_prefixes_and_all_words():
    MemberFactory(slug="kamery", name="Wypożyczalnia Kamer Tarnów", city="Tarnów")
    MemberFactory(slug="kamery-krakow", name="Kamery Kraków", city="Kraków")

    assert search("kamer tarn") == ["kamery"]


@pytest.mark.django_db
def test_search_covers_english_description_services_credits_and_resources():
    category = ServiceCategoryFactory(slug="sound-post", name_pl="Postprodukcja dźwięku", name_en="Sound post")
    MemberServiceFactory(member=MemberFactory(slug="by-service"), category=category)
    CreditFactory(member=MemberFactory(slug="by-credit"), title="Cisza nad Rabą")
    ResourceFactory(member=MemberFactory(slug="by-resource"), name_en="Technocrane")
    MemberFactory(slug="by-english", description_en="Underwater filming specialists")

    assert search("postprodukcja dzwieku") == ["by-service"]
    assert search("raba") == ["by-credit"]
    assert search("technocrane") == ["by-resource"]
    assert search("underwater") == ["by-english"]


@pytest.mark.django_db
def test_search_document_follows_a_deleted_credit():
    credit = CreditFactory(member=MemberFactory(slug="studio"), title="Zimowy szlak")
    assert search("zimowy") == ["studio"]

    credit.delete()

    assert search("zimowy") == []


@pytest.mark.django_db
def test_search_document_follows_a_renamed_category():
    category = ServiceCategoryFactory(slug="grip", name_en="Grip")
    MemberServiceFactory(member=MemberFactory(slug="grips"), category=category)

    category.name_en = "Dolly and crane"
    category.save()

    assert search("dolly") == ["grips"]


@pytest.mark.django_db
def test_search_with_operators_only_returns_everything():
    MemberFactory(slug="a")
    MemberFactory(slug="b")

    assert search("&|!") == ["a", "b"]


@pytest.mark.django_db
def test_search_never_finds_hidden_former_or_suspended_members():
    from members.models import Member

    MemberFactory(slug="hidden", city="Łódź", is_public=False)
    MemberFactory(slug="former", city="Łódź", status=Member.Status.FORMER)
    MemberFactory(slug="suspended", city="Łódź", status=Member.Status.SUSPENDED)
    MemberFactory(slug="public", city="Łódź")

    assert search("lodz") == ["public"]
