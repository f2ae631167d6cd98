"""Public people only: opted in and active. Hidden profiles never appear."""

from django.urls import reverse

from core.sitemaps import LocalizedSitemap

from . import selectors
from .search import GENERATION


class PeopleSitemap(LocalizedSitemap):
    changefreq = "weekly"
    generation = GENERATION
    lastmod_field = "updated_at"

    def items(self):
        return selectors.public_people().only("pk", "slug", "updated_at").order_by("name", "pk")

    def location(self, item):
        return reverse("people:detail", kwargs={"slug": item.slug})
