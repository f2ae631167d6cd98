"""What the sitemap lists for the productions area (registered in core.sitemaps): the
public showcase only. Members-only leads never appear here."""

from django.urls import reverse

from . import selectors


def showcase_items():
    return ["showcase", *selectors.showcase().prefetch_related(None).only("pk")]


def showcase_location(item) -> str:
    if item == "showcase":
        return reverse("productions:showcase")
    return reverse("productions:showcase_detail", kwargs={"pk": item.pk})
