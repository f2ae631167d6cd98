"""Public events only; members-only events never appear."""

from core.sitemaps import LocalizedSitemap

from .models import Event
from .search import GENERATION


class EventsSitemap(LocalizedSitemap):
    changefreq = "weekly"
    generation = GENERATION
    lastmod_field = "updated_at"

    def items(self):
        return Event.objects.public().order_by("-starts_at", "pk").only("slug", "updated_at")
