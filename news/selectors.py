"""Reads of news posts: who may see which post, and the lists the pages, feed, sitemap
and digest need.

Two rules hold for every reader: a post is seen only from its publication time on
(later ones are scheduled), and members-only posts are seen only by cluster members
(`accounts.access.is_cluster_member`, which counts coordinators in). Everything that shows
posts to someone goes through here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from accounts.access import is_cluster_member
from members.models import Member
from productions import selectors as productions

from .filters import PostFilter
from .models import Post

FEED_SIZE = 20
CLOSED_CALLS_SHOWN = 20


def visible_posts(user, *, now=None) -> QuerySet[Post]:
    """Published posts the user may read: public ones, and members-only ones for members."""
    posts = Post.objects.published(now)
    if not is_cluster_member(user):
        posts = posts.public()
    return posts


def public_posts(*, now=None) -> QuerySet[Post]:
    """What the whole world may see (feed, sitemap): published and public."""
    return Post.objects.published(now).public()


def post_list(user, params=None) -> tuple[QuerySet[Post], PostFilter]:
    """The news list with its category filter applied (``params``: the query string)."""
    post_filter = PostFilter(params or None, queryset=visible_posts(user).defer("body_pl", "body_en"))
    return post_filter.qs, post_filter


def post_for_reader(slug: str) -> Post | None:
    """A published post by slug with what its page shows, or None (also for scheduled posts).

    Whether the reader may see a members-only post is the view's decision, because
    anonymous readers are sent to log in and non-members are refused.
    """
    shown_members = Member.objects.filter(status=Member.Status.ACTIVE, is_public=True).order_by("name")
    return (
        Post.objects.published()
        .select_related("author")
        .prefetch_related(Prefetch("related_members", queryset=shown_members))
        .filter(slug=slug)
        .first()
    )


@dataclass
class ProductionLink:
    title: str
    url: str


def related_productions(post: Post, user) -> list[ProductionLink]:
    """Productions a post mentions, as far as the reader may see them: members get the
    (members-only) lead pages, everyone else only those in the public showcase."""

    if is_cluster_member(user):
        leads = productions.leads_visible_to(user).filter(news_posts=post).order_by("title")
        return [ProductionLink(lead.title, lead.get_absolute_url()) for lead in leads]
    leads = productions.showcase().prefetch_related(None).filter(news_posts=post)
    return [ProductionLink(lead.title, productions.lead_showcase_url(lead)) for lead in leads]


def feed_posts() -> QuerySet[Post]:
    return public_posts().defer("body_pl", "body_en")[:FEED_SIZE]


def published_between(start, end, *, public_only: bool = False) -> QuerySet[Post]:
    """Posts published in [start, end), oldest first: the news part of a digest. A window
    reaching into the future never includes scheduled posts."""
    posts = (
        Post.objects.published().filter(published_at__gte=start, published_at__lt=end).order_by("published_at", "id")
    )
    return posts.public() if public_only else posts


def open_calls(now=None, *, public_only: bool = False) -> QuerySet[Post]:
    """Published funding calls and tenders still accepting applications, nearest deadline first."""
    now = now or timezone.now()
    posts = Post.objects.published(now).calls().filter(deadline__gte=now).order_by("deadline", "id")
    return posts.public() if public_only else posts


@dataclass
class CallBoard:
    open: list[Post]
    closed: list[Post]


def call_board(user, *, now=None) -> CallBoard:
    """Calls and tenders the user may see: open ones nearest deadline first, then the most
    recently closed ones."""
    now = now or timezone.now()
    calls = visible_posts(user, now=now).calls().defer("body_pl", "body_en")
    return CallBoard(
        open=list(calls.filter(deadline__gte=now).order_by("deadline", "id")),
        closed=list(calls.filter(deadline__lt=now).order_by("-deadline", "-id")[:CLOSED_CALLS_SHOWN]),
    )
