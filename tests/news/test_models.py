import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone, translation

from news.models import Post
from tests.factories.news import CallFactory, PostFactory

pytestmark = pytest.mark.django_db


def test_post_save_stores_sanitised_html_in_both_languages():
    post = PostFactory(body_pl="**PL** <script>x()</script>", body_en="[EN](javascript:alert(1))")

    post.refresh_from_db()

    assert post.body_html_pl == "<p><strong>PL</strong> </p>"
    assert post.body_html_en == '<p><a rel="noopener noreferrer nofollow">EN</a></p>'


def test_post_save_rerenders_html_when_body_changes():
    post = PostFactory(body_pl="old")

    post.body_pl = "*new*"
    post.save(update_fields=["body_pl"])
    post.refresh_from_db()

    assert post.body_html_pl == "<p><em>new</em></p>"


def test_post_without_slug_gets_one_from_polish_title():
    post = PostFactory(slug="", title_pl="Nabór wniosków 2026")

    assert post.slug == "nabor-wnioskow-2026"


def test_post_clean_requires_deadline_for_funding_call():
    post = PostFactory.build(category=Post.Category.FUNDING_CALL, deadline=None)

    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            post.full_clean()

        assert error.value.message_dict == {"deadline": ["Funding calls and tenders need an application deadline."]}


def test_post_clean_requires_deadline_for_tender():
    post = PostFactory.build(category=Post.Category.TENDER, deadline=None)

    with pytest.raises(ValidationError) as error:
        post.full_clean()

    assert list(error.value.message_dict) == ["deadline"]


def test_post_clean_accepts_news_without_deadline():
    post = PostFactory.build(category=Post.Category.INDUSTRY, deadline=None)

    post.full_clean()


def test_post_clean_refuses_reserved_slug():
    post = PostFactory.build(slug="feed")

    with pytest.raises(ValidationError) as error:
        post.full_clean()

    assert list(error.value.message_dict) == ["slug"]


def test_database_refuses_call_without_deadline():
    with pytest.raises(IntegrityError):
        PostFactory(category=Post.Category.TENDER, deadline=None)


def test_call_is_open_until_its_deadline():
    now = timezone.now()
    call = CallFactory.build(deadline=now + dt.timedelta(minutes=1))

    assert call.is_open(now) is True
    assert call.is_open(now + dt.timedelta(minutes=2)) is False


def test_title_falls_back_to_polish_when_english_is_empty(settings):
    post = PostFactory(title_pl="Tylko po polsku", title_en="")

    from django.utils import translation

    with translation.override("en"):
        assert post.title == "Tylko po polsku"
