"""Every public location (``selectors.public_locations``), in both languages."""

from core.sitemaps import LocalizedSitemap

from .selectors import GENERATION, public_locations


class LocationsSitemap(LocalizedSitemap):
    changefreq = "monthly"
    generation = GENERATION
    lastmod_field = "updated_at"

    def items(self):
        return public_locations().order_by("slug").only("slug", "updated_at")
