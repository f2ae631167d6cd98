"""The sitemap's shared parts: the base class every app's sitemap extends, the home page,
and the cached views of the sitemap index and its pages.

Each app owns its ``sitemaps.py``; ``cluster_portal/urls.py`` assembles them. ``/sitemap.xml``
is an index of one page per kind of content and per 5,000 URLs (2,500 items in two
languages); each page is rendered once and kept in the cache until its kind of content
changes (``Sitemap.generation``, see ``core.generations``), so no request renders more
than one page and most render none.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import cache
from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import patch_response_headers

from . import generations

MAX_URLS_PER_PAGE = 5000
_CACHE_SECONDS = 60 * 60 * 24


class LocalizedSitemap(Sitemap):
    """Every entry in each language, with hreflang alternates and x-default."""

    i18n = True
    alternates = True
    x_default = True
    limit = MAX_URLS_PER_PAGE // len(settings.LANGUAGES)
    # The kind of content whose changes make this sitemap's pages stale.
    generation = "pages"
    # The items' "last modified" field, when items() is a queryset of rows that have one.
    lastmod_field: str | None = None

    def lastmod(self, item):
        return getattr(item, self.lastmod_field) if self.lastmod_field else None

    def get_latest_lastmod(self):
        """The index's lastmod in one aggregate, not by loading every item."""
        if not self.lastmod_field:
            return None
        return self.items().order_by().aggregate(latest=Max(self.lastmod_field))["latest"]


class StaticPagesSitemap(LocalizedSitemap):
    changefreq = "weekly"

    def items(self):
        return ["core:home"]

    def location(self, item):
        return reverse(item)


def _kinds(sitemaps: dict) -> list[str]:
    return sorted({getattr(sitemap, "generation", "pages") for sitemap in sitemaps.values()})


def _cached(key: str, render) -> HttpResponse:
    cached = cache.get(key)
    if cached is None:
        response = render()
        if response.status_code != 200:
            return response
        response.render()
        cached = (response.content, response["Content-Type"], response.get("X-Robots-Tag"))
        cache.set(key, cached, _CACHE_SECONDS)
    content, content_type, robots = cached
    response = HttpResponse(content, content_type=content_type)
    if robots:
        response["X-Robots-Tag"] = robots
    patch_response_headers(response, cache_timeout=60 * 60)
    return response


def index(request, sitemaps, sitemap_url_name):
    """The sitemap index, cached until any kind of content changes."""
    key = f"sitemap:index:{request.get_host()}:{generations.signature(_kinds(sitemaps))}"
    return _cached(key, lambda: sitemap_views.index(request, sitemaps, sitemap_url_name=sitemap_url_name))


def section(request, sitemaps, section):
    """One page of one section, cached until its kind of content changes."""
    sitemap = sitemaps.get(section)
    kind = getattr(sitemap, "generation", "pages")
    page = request.GET.get("p", "1")
    key = f"sitemap:{request.get_host()}:{section}:{page[:8]}:{generations.signature([kind])}"
    return _cached(key, lambda: sitemap_views.sitemap(request, sitemaps, section=section))
