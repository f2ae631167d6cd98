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


class NewsSitemap(LocalizedSitemap):
    """Public, published news posts only (news.selectors.public_posts)."""

    changefreq = "weekly"

    def items(self):
        from news.selectors import public_posts

        return public_posts().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class MembersSitemap(LocalizedSitemap):
    """Every public member profile (members.selectors.public_members), in both languages."""

    changefreq = "monthly"

    def items(self):
        from members.selectors import public_members

        return public_members().order_by("slug").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class ProductionsShowcaseSitemap(LocalizedSitemap):
    """The public showcase of wrapped productions only; members-only leads never appear."""

    changefreq = "monthly"

    def items(self):
        from productions.sitemaps import showcase_items

        return showcase_items()

    def location(self, item):
        from productions.sitemaps import showcase_location

        return showcase_location(item)


class EventsSitemap(LocalizedSitemap):
    """Public events only; members-only events never appear."""

    changefreq = "weekly"

    def items(self):
        from events.models import Event

        return Event.objects.public().order_by("-starts_at", "pk").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class AccountsPagesSitemap(LocalizedSitemap):
    """The public pages of the accounts area: the application to join and the privacy page."""

    changefreq = "monthly"

    def items(self):
        return ["accounts:join", "accounts:privacy_policy"]

    def location(self, item):
        return reverse(item)


class DeskPagesSitemap(LocalizedSitemap):
    """The public "cluster in numbers" page (desk app)."""

    changefreq = "weekly"

    def items(self):
        return ["desk:numbers"]

    def location(self, item):
        return reverse(item)


sitemaps = {
    "pages": StaticPagesSitemap,
    "news": NewsSitemap,
    "members": MembersSitemap,
    "productions": ProductionsShowcaseSitemap,
    "events": EventsSitemap,
    "accounts": AccountsPagesSitemap,
    "desk": DeskPagesSitemap,
}
