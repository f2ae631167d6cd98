from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import json_script
from django.utils.safestring import mark_safe

from core.images import thumbnail_url

register = template.Library()


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """Absolute URLs of the current page in every language, for hreflang links."""
    request = context.get("request")
    if request is None or request.resolver_match is None:
        return []
    path = request.get_full_path()
    links = []
    for code, _label in settings.LANGUAGES:
        translated = translate_url(path, code)
        if translated == path and not path.startswith(f"/{code}/"):
            return []  # not a language-prefixed page: no alternates to offer
        links.append({"code": code, "url": request.build_absolute_uri(translated)})
    return links


@register.simple_tag
def thumbnail(field_file, width, height=None, crop=False):
    """URL of a cached thumbnail: {% thumbnail member.logo 160 160 crop=True as logo_url %}."""

    return thumbnail_url(field_file, int(width), int(height) if height else None, crop=bool(crop))


@register.simple_tag
def json_ld(data):
    """A schema.org block: {% json_ld data %}.

    The JSON is escaped as json_script escapes it (<, > and & as \\u escapes), so no
    text in the data can close the <script> element.
    """
    script = json_script(data)
    return mark_safe(script.replace('type="application/json"', 'type="application/ld+json"', 1))  # noqa: S308
