"""The news feed of each language (RSS 2.0): public, published posts only."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.context_processors import portal

from . import selectors
from .views import post_description


class LatestPostsFeed(Feed):
    description = _("News, funding calls and tenders of the cluster.")

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{portal(self.request)['cluster_name']}: {_('News')}"

    def link(self):
        return reverse("news:list")

    def feed_url(self):
        return reverse("news:feed")

    def items(self):
        return selectors.feed_posts()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return post_description(item)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_category_display()]
