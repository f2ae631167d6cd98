"""The public "cluster in numbers" page."""

from django.urls import reverse

from core.sitemaps import LocalizedSitemap


class DeskPagesSitemap(LocalizedSitemap):
    changefreq = "weekly"
    generation = "members"  # its figures count the members

    def items(self):
        return ["desk:numbers"]

    def location(self, item):
        return reverse(item)
