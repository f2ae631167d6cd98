"""Public, published news posts only (``selectors.public_posts``)."""

from core.sitemaps import LocalizedSitemap

from .search import GENERATION
from .selectors import public_posts


class NewsSitemap(LocalizedSitemap):
    changefreq = "weekly"
    generation = GENERATION
    lastmod_field = "updated_at"

    def items(self):
        return public_posts().order_by("-published_at", "pk").only("slug", "updated_at")
