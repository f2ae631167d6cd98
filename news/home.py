"""What the news area shows on the home page: the latest public posts and the open
calls and tenders with their deadlines; two queries (core.home caches them)."""

from __future__ import annotations

from core import home
from core.images import thumbnail_url

from . import selectors
from .models import Post

LATEST_SHOWN = 3
CALLS_SHOWN = 4


def news() -> dict:
    latest = (
        selectors.public_posts()
        .exclude(category__in=Post.CALL_CATEGORIES)
        .defer("body_pl", "body_en", "body_html_pl", "body_html_en")
        .order_by("-published_at", "-id")[:LATEST_SHOWN]
    )
    calls = selectors.open_calls(public_only=True).defer("body_pl", "body_en", "body_html_pl", "body_html_en")
    return {
        "posts": [
            {
                "title": post.title,
                "summary": post.summary,
                "category": post.get_category_display(),
                "published_at": post.published_at,
                "url": post.get_absolute_url(),
                "image_url": thumbnail_url(post.image, 640, 360, crop=True),
                "image_alt": post.image_alt,
            }
            for post in latest
        ],
        "calls": [
            {
                "title": post.title,
                "category": post.get_category_display(),
                "deadline": post.deadline,
                "url": post.get_absolute_url(),
            }
            for post in calls[:CALLS_SHOWN]
        ],
    }


def register() -> None:
    home.register("news", template="news/_home_news.html", build=news, order=60, invalidated_by=(Post,))
