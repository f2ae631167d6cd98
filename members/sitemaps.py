"""Every public member profile (``selectors.public_members``), in both languages."""

from core.sitemaps import LocalizedSitemap

from .search import GENERATION
from .selectors import public_members


class MembersSitemap(LocalizedSitemap):
    changefreq = "monthly"
    generation = GENERATION
    lastmod_field = "updated_at"
    slug_url_name = "members:detail"

    def items(self):
        return public_members().order_by("slug").only("slug", "updated_at")
