import datetime as dt

import factory
from django.utils import timezone

from news.models import Post


class PostFactory(factory.django.DjangoModelFactory):
    """A public cluster-news post published an hour ago."""

    class Meta:
        model = Post
        skip_postgeneration_save = True

    title_pl = factory.Sequence(lambda n: f"Wiadomość {n}")
    title_en = factory.Sequence(lambda n: f"News item {n}")
    slug = factory.Sequence(lambda n: f"news-item-{n}")
    summary_pl = "Krótko o wiadomości."
    summary_en = "The news in brief."
    body_pl = "Treść **wiadomości**."
    body_en = "The **news** itself."
    category = Post.Category.CLUSTER
    visibility = Post.Visibility.PUBLIC
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))


class MembersOnlyPostFactory(PostFactory):
    visibility = Post.Visibility.MEMBERS


class ScheduledPostFactory(PostFactory):
    published_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=2))


class CallFactory(PostFactory):
    category = Post.Category.FUNDING_CALL
    deadline = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))
