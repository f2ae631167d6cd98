"""News posts in the site search: public posts for everyone, members-only ones for members
(``news.selectors.visible_posts``, the one rule of who reads what)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.search import indexing
from core.search.registry import SearchGroup, SearchHit

from . import selectors
from .models import Post

GENERATION = "news"


def post_groups(post: Post) -> dict[str, list]:
    return {
        "A": [post.title_pl, post.title_en],
        "B": [post.summary_pl, post.summary_en, post.get_category_display()],
        "C": [post.body_pl, post.body_en],
    }


class NewsSearch:
    kind = "news"
    order = 20

    def label(self) -> str:
        return str(_("News and calls"))

    def search(self, query, *, user, limit):
        posts, total = indexing.ranked(
            selectors.visible_posts(user).defer("body_pl", "body_en", "body_html_pl", "body_html_en"),
            query,
            limit=limit,
            then=("-published_at",),
        )
        hits = [
            SearchHit(
                title=post.title,
                url=post.get_absolute_url(),
                summary=post.summary or "",
                meta=f"{post.get_category_display()} · {date_format(timezone.localtime(post.published_at), 'j E Y')}",
                members_only=post.visibility != Post.Visibility.PUBLIC,
            )
            for post in posts
        ]
        return SearchGroup(self.kind, self.label(), total, hits)

    def documents(self):
        return [Post.objects.all()]

    def rebuild(self) -> int:
        return indexing.rebuild(Post.objects.all(), post_groups)
