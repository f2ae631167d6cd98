"""The sitemap registry. Each app adds its public sitemap here; every entry is
i18n with PL/EN alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class LocalizedSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(LocalizedSitemap):
    changefreq = "weekly"

    def items(self):
        return ["core:home"]

    def location(self, item):
        return reverse(item)


sitemaps = {"pages": StaticPagesSitemap}
