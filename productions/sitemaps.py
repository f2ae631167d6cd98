"""The public showcase of wrapped productions only; members-only leads never appear."""

from django.db.models import Max
from django.urls import reverse

from core.sitemaps import LocalizedSitemap

from . import selectors
from .search import GENERATION


def showcase_items():
    return ["showcase", *selectors.showcase().prefetch_related(None).only("pk", "updated_at")]


def showcase_location(item) -> str:
    if item == "showcase":
        return reverse("productions:showcase")
    return reverse("productions:showcase_detail", kwargs={"pk": item.pk})


class ProductionsShowcaseSitemap(LocalizedSitemap):
    changefreq = "monthly"
    generation = GENERATION

    def items(self):
        return showcase_items()

    def location(self, item):
        return showcase_location(item)

    def lastmod(self, item):
        return None if item == "showcase" else item.updated_at

    def get_latest_lastmod(self):
        return selectors.showcase().prefetch_related(None).order_by().aggregate(latest=Max("updated_at"))["latest"]
