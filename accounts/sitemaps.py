"""The public pages of the accounts area: the application to join and the privacy page."""

from django.urls import reverse

from core.sitemaps import LocalizedSitemap


class AccountsPagesSitemap(LocalizedSitemap):
    changefreq = "monthly"

    def items(self):
        return ["accounts:join", "accounts:privacy_policy"]

    def location(self, item):
        return reverse(item)
