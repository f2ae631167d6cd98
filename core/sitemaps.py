"""The sitemap's shared parts: the base class every app's sitemap extends, the home page,
and the cached views of the sitemap index and its pages.

Each app owns its ``sitemaps.py``; ``cluster_portal/urls.py`` assembles them. ``/sitemap.xml``
is an index of one page per kind of content and per 5,000 URLs (2,500 items in two
languages); each page is rendered once and kept in the cache until its kind of content
changes (``Sitemap.generation``, see ``core.generations``), so no request renders more
than one page and most render none.
"""

from __future__ import annotations

from html import escape as xml_escape

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_response_headers

from . import generations

MAX_URLS_PER_PAGE = 5000
_SLUG = "sitemap-slug-placeholder"
_CACHE_SECONDS = 60 * 60 * 24


class LocalizedSitemap(Sitemap):
    """Every entry in each language, with hreflang alternates and x-default."""

    i18n = True
    alternates = True
    x_default = True
    limit = MAX_URLS_PER_PAGE // len(settings.LANGUAGES)  # items per page, each in every language
    # The kind of content whose changes make this sitemap's pages stale.
    generation = "pages"
    # The items' "last modified" field, when items() is a queryset of rows that have one.
    lastmod_field: str | None = None
    # When every item's address is this URL name with the item's ``slug`` as its only
    # argument: reversed once per language and page instead of once per item and
    # language (10,000 reverses were most of a 5,000-URL page's cost).
    slug_url_name: str | None = None

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


def _when(value) -> str:
    return f"<lastmod>{value.isoformat(timespec='seconds') if hasattr(value, 'hour') else value.isoformat()}</lastmod>"


def _render_page(sitemap: Sitemap, number: int, base: str) -> bytes:
    """The page's XML, written directly: every location is reversed once per language
    with that language active once for the page (Django's view activates it per URL and
    lists every item of the section to cut out one page)."""
    items = sitemap.items()
    if sitemap.slug_url_name and isinstance(items, QuerySet):
        # Rows with the two fields the page reads, not model instances: making 2,500
        # instances (and sending their signals) was most of a page's cost.
        fields = ["slug", *([sitemap.lastmod_field] if sitemap.lastmod_field else [])]
        items = items.values_list(*fields, named=True)
    items = list(Paginator(items, sitemap.limit).page(number).object_list)
    codes = [code for code, _label in settings.LANGUAGES]
    locations = {}
    for code in codes:
        with translation.override(code):
            if sitemap.slug_url_name:
                # A slug is letters, digits, "-" and "_" (SlugField): it needs no quoting.
                head, tail = reverse(sitemap.slug_url_name, kwargs={"slug": _SLUG}).split(_SLUG)
                head, tail = xml_escape(base + head), xml_escape(tail)
                locations[code] = [f"{head}{xml_escape(item.slug)}{tail}" for item in items]
            else:
                locations[code] = [xml_escape(base + sitemap.location(item)) for item in items]
    # x-default: the address without a language prefix, which redirects by the browser's language.
    defaults = [
        location.replace(f"/{settings.LANGUAGE_CODE}/", "/", 1) for location in locations[settings.LANGUAGE_CODE]
    ]
    changefreq = f"<changefreq>{sitemap.changefreq}</changefreq>" if sitemap.changefreq else ""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
    ]
    for index, item in enumerate(items):
        lastmod = sitemap.lastmod(item)
        when = _when(lastmod) if lastmod else ""
        alternates = (
            "".join(
                f'<xhtml:link rel="alternate" hreflang="{code}" href="{locations[code][index]}"/>' for code in codes
            )
            + f'<xhtml:link rel="alternate" hreflang="x-default" href="{defaults[index]}"/>'
        )
        for code in codes:
            parts.append(f"<url><loc>{locations[code][index]}</loc>{when}{changefreq}{alternates}</url>")
    parts.append("</urlset>\n")
    return "".join(parts).encode()


def _render_index(request, sitemaps: dict) -> bytes:
    base = request.build_absolute_uri("/")[:-1]
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    ]
    for section, site in sitemaps.items():
        sitemap = site() if callable(site) else site
        latest = sitemap.get_latest_lastmod()
        when = _when(latest) if latest else ""
        url = base + reverse("sitemap-section", kwargs={"section": section})
        pages = Paginator(sitemap.items(), sitemap.limit).num_pages
        for number in range(1, pages + 1):
            location = xml_escape(url if number == 1 else f"{url}?p={number}")
            parts.append(f"<sitemap><loc>{location}</loc>{when}</sitemap>")
    parts.append("</sitemapindex>\n")
    return "".join(parts).encode()


def _cached(key: str, render) -> HttpResponse:
    content = cache.get(key)
    if content is None:
        content = render()
        cache.set(key, content, _CACHE_SECONDS)
    response = HttpResponse(content, content_type="application/xml")
    patch_response_headers(response, cache_timeout=60 * 60)
    return response


def index(request, sitemaps, sitemap_url_name=None):
    """The sitemap index, cached until any kind of content changes."""
    key = f"sitemap:index:{request.get_host()}:{generations.signature(_kinds(sitemaps))}"
    return _cached(key, lambda: _render_index(request, sitemaps))


def section(request, sitemaps, section):
    """One page of one section, cached until its kind of content changes."""
    if section not in sitemaps:
        raise Http404(f"no sitemap section {section!r}")
    site = sitemaps[section]
    sitemap = site() if callable(site) else site
    raw = request.GET.get("p", "1")
    number = int(raw) if raw.isdigit() and len(raw) < 7 else 0
    base = request.build_absolute_uri("/")[:-1]
    key = f"sitemap:{base}:{section}:{number}:{generations.signature([sitemap.generation])}"
    if cache.get(key) is None and not 1 <= number <= Paginator(sitemap.items(), sitemap.limit).num_pages:
        raise Http404("no such sitemap page")
    return _cached(key, lambda: _render_page(sitemap, number, base))
