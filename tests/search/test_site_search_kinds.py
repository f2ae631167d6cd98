"""The site search asks, for a visitor who is not logged in, only the providers whose
public documents may hold every typed word (the vocabulary knows each word's kinds)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import SearchTerm
from core.search import vocabulary
from tests.factories.accounts import MembershipFactory
from tests.factories.locations import LocationFactory
from tests.factories.members import MemberFactory
from tests.factories.news import MembersOnlyPostFactory, PostFactory

pytestmark = pytest.mark.django_db


def search(client, q):
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en/search/", {"q": q})
    assert response.status_code == 200
    tables = " ".join(query["sql"] for query in captured.captured_queries)
    return response.context["results"], tables


def found(results, kind):
    return [hit.title for group in results.groups if group.kind == kind for hit in group.hits]


def test_words_know_the_kinds_of_document_they_are_in():
    MemberFactory(name="Zeppelin Studio")
    PostFactory(title_en="Zeppelin news", slug="zeppelin-news")

    assert set(SearchTerm.objects.get(term="zeppelin").kinds) == {"members.member", "news.post"}
    assert SearchTerm.objects.get(term="studio").kinds == ["members.member"]


def test_members_only_words_stay_out_of_the_kinds():
    MembersOnlyPostFactory(title_en="Quokka meeting", slug="quokka-meeting")

    assert not SearchTerm.objects.filter(term="quokka", frequency__gt=0).exists()


def test_a_kind_without_the_words_is_not_asked(client):
    MemberFactory(name="Zeppelin Studio")
    PostFactory(title_en="Harbour news", slug="harbour-news")

    results, sql = search(client, "zeppelin")

    assert found(results, "members") == ["Zeppelin Studio"]
    assert "members_member" in sql
    assert "news_post" not in sql
    assert "locations_location" not in sql


def test_a_kind_with_the_words_is_asked_and_found(client):
    MemberFactory(name="Zeppelin Studio")
    PostFactory(title_en="Zeppelin news", slug="zeppelin-news")

    results, sql = search(client, "zeppelin")

    assert "news_post" in sql
    assert found(results, "news") == ["Zeppelin news"]


def test_every_word_must_be_in_the_kind(client):
    # "zeppelin" is in news, "harbour" too, but in different posts: each word occurs in
    # news, so news is asked (the vocabulary knows words, not which document has them).
    PostFactory(title_en="Zeppelin news", slug="zeppelin-news")
    PostFactory(title_en="Harbour news", slug="harbour-news")
    MemberFactory(name="Harbour Studio")

    _results, sql = search(client, "zeppelin harbour")
    assert "news_post" in sql

    _results, sql = search(client, "harbour studio")
    assert "news_post" not in sql  # "studio" is in no post


def test_nothing_is_skipped_while_the_vocabulary_does_not_know_its_kinds(client):
    MemberFactory(name="Zeppelin Studio")
    PostFactory(title_en="Harbour news", slug="harbour-news")
    # As a vocabulary written before kinds were kept, until its next rebuild.
    SearchTerm.objects.filter(term="harbour").update(kinds=[])
    vocabulary.bump()

    _results, sql = search(client, "zeppelin")

    assert "news_post" in sql


def test_logged_in_members_are_asked_every_provider(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    MembersOnlyPostFactory(title_en="Quokka meeting", slug="quokka-meeting")

    results, sql = search(client, "quokka")

    assert "news_post" in sql
    assert found(results, "news") == ["Quokka meeting"]


def test_a_location_of_a_firm_made_public_again_is_found_at_once(client):
    firm = MemberFactory(name="Barn keepers", slug="barn-keepers", is_public=False)
    LocationFactory(name_en="Zeppelin hangar", slug="zeppelin-hangar", manager=firm)
    results, _sql = search(client, "hangar")
    assert found(results, "locations") == []

    firm.is_public = True
    firm.save()

    results, _sql = search(client, "hangar")
    assert found(results, "locations") == ["Zeppelin hangar"]
