import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from members.models import Member
from news import selectors
from news.models import Post
from tests.factories.accounts import MembershipFactory
from tests.factories.news import CallFactory, MembersOnlyPostFactory, PostFactory, ScheduledPostFactory

pytestmark = pytest.mark.django_db


def _slugs(posts):
    return sorted(p.slug for p in posts)


def test_visible_posts_for_anonymous_are_public_and_published():
    PostFactory(slug="public")
    MembersOnlyPostFactory(slug="members")
    ScheduledPostFactory(slug="scheduled")

    assert _slugs(selectors.visible_posts(AnonymousUser())) == ["public"]


def test_visible_posts_for_user_without_firm_are_public_only(outsider_user):
    PostFactory(slug="public")
    MembersOnlyPostFactory(slug="members")

    assert _slugs(selectors.visible_posts(outsider_user)) == ["public"]


def test_visible_posts_for_member_include_members_only(member_user):
    PostFactory(slug="public")
    MembersOnlyPostFactory(slug="members")
    ScheduledPostFactory(slug="scheduled", visibility=Post.Visibility.MEMBERS)

    assert _slugs(selectors.visible_posts(member_user)) == ["members", "public"]


def test_visible_posts_for_coordinator_include_members_only(coordinator):
    PostFactory(slug="public")
    MembersOnlyPostFactory(slug="members")

    assert _slugs(selectors.visible_posts(coordinator)) == ["members", "public"]


def test_visible_posts_for_user_of_suspended_firm_are_public_only():
    user = MembershipFactory(member__status=Member.Status.SUSPENDED).user
    PostFactory(slug="public")
    MembersOnlyPostFactory(slug="members")

    assert _slugs(selectors.visible_posts(user)) == ["public"]


def test_scheduled_post_becomes_visible_at_its_time():
    at = timezone.now() + dt.timedelta(days=1)
    ScheduledPostFactory(slug="later", published_at=at)

    assert _slugs(selectors.visible_posts(AnonymousUser(), now=at - dt.timedelta(seconds=1))) == []
    assert _slugs(selectors.visible_posts(AnonymousUser(), now=at)) == ["later"]


def test_published_between_is_half_open_and_oldest_first():
    start = timezone.now() - dt.timedelta(days=7)
    end = timezone.now()
    PostFactory(slug="before", published_at=start - dt.timedelta(seconds=1))
    PostFactory(slug="first", published_at=start)
    MembersOnlyPostFactory(slug="second", published_at=start + dt.timedelta(days=1))
    PostFactory(slug="at-end", published_at=end)

    assert [p.slug for p in selectors.published_between(start, end)] == ["first", "second"]
    assert [p.slug for p in selectors.published_between(start, end, public_only=True)] == ["first"]


def test_published_between_leaves_out_scheduled_posts_inside_the_window():
    start = timezone.now() - dt.timedelta(days=1)
    end = timezone.now() + dt.timedelta(days=7)
    PostFactory(slug="out")
    ScheduledPostFactory(slug="scheduled")

    assert [p.slug for p in selectors.published_between(start, end)] == ["out"]


def test_open_calls_are_published_open_calls_nearest_deadline_first():
    now = timezone.now()
    CallFactory(slug="later", deadline=now + dt.timedelta(days=30))
    CallFactory(slug="sooner", category=Post.Category.TENDER, deadline=now + dt.timedelta(days=3))
    CallFactory(slug="closed", deadline=now - dt.timedelta(days=1))
    CallFactory(slug="scheduled", published_at=now + dt.timedelta(days=1), deadline=now + dt.timedelta(days=2))
    PostFactory(slug="not-a-call")

    assert [p.slug for p in selectors.open_calls(now)] == ["sooner", "later"]


def test_call_board_orders_open_by_deadline_and_closed_most_recent_first():
    now = timezone.now()
    CallFactory(slug="open-late", deadline=now + dt.timedelta(days=30))
    CallFactory(slug="open-soon", deadline=now + dt.timedelta(days=2))
    CallFactory(slug="closed-long-ago", deadline=now - dt.timedelta(days=60))
    CallFactory(slug="closed-recently", deadline=now - dt.timedelta(days=1))
    CallFactory(slug="members", visibility=Post.Visibility.MEMBERS, deadline=now + dt.timedelta(days=1))

    board = selectors.call_board(AnonymousUser(), now=now)

    assert [p.slug for p in board.open] == ["open-soon", "open-late"]
    assert [p.slug for p in board.closed] == ["closed-recently", "closed-long-ago"]
