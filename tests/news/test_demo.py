import io

import pytest
from django.utils import timezone

from news import demo, selectors
from news.models import Post

pytestmark = pytest.mark.django_db


def test_demo_news_load_twice_creates_no_duplicates():
    demo.load(stdout=io.StringIO())
    out = io.StringIO()

    demo.load(stdout=out)

    assert Post.objects.count() == len(demo.POSTS)
    assert out.getvalue() == f"news: {len(demo.POSTS)} demo posts (0 new)"


def test_demo_news_covers_every_category_visibility_and_call_state():
    demo.load(stdout=io.StringIO())
    now = timezone.now()

    posts = list(Post.objects.all())

    assert {p.category for p in posts} == set(Post.Category.values)
    assert {p.visibility for p in posts} == set(Post.Visibility.values)
    assert [p.slug for p in posts if p.published_at > now] == ["zapowiedz-dorocznego-forum"]
    assert [p.slug for p in selectors.open_calls(now)] == [
        "nabor-szkolenia-kadr",
        "nabor-promocja-zagraniczna",
        "przetarg-obsluga-techniczna-forum",
    ]
    assert sorted(p.slug for p in posts if p.is_call and not p.is_open(now)) == [
        "nabor-koprodukcje-zakonczony",
        "przetarg-scenografia-zakonczony",
    ]
    assert all(p.body_html_pl and p.body_html_en for p in posts)
