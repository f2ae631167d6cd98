"""The guide's index, the incentives and the estimate, and every published guide page."""

from django.urls import reverse

from core.sitemaps import LocalizedSitemap

from .search import GENERATION
from .selectors import guide_pages


class FilmingPagesSitemap(LocalizedSitemap):
    changefreq = "weekly"
    generation = GENERATION

    def items(self):
        return ["filming:index", "filming:incentives", "filming:estimate"]

    def location(self, item):
        return reverse(item)


class GuideSitemap(LocalizedSitemap):
    changefreq = "monthly"
    generation = GENERATION
    lastmod_field = "updated_at"

    def items(self):
        return guide_pages().order_by("position", "pk").only("slug", "updated_at")
