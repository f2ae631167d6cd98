from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from core.search import indexing, registry

        from .models import Post
        from .search import GENERATION, NewsSearch, post_groups

        indexing.keep_current(
            Post, post_groups, generation=GENERATION, public=lambda post: post.visibility == Post.Visibility.PUBLIC
        )
        registry.register(NewsSearch())

        from . import home  # noqa: PLC0415 - the app registry must be ready before models are imported

        home.register()
