from urllib.parse import quote

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import json_script
from django.utils.safestring import mark_safe

from core.i18n import localized_path, switch_links, translate_path
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
        translated = translate_path(path, code)
        if translated == path and not path.startswith(f"/{code}/"):
            return []  # not a language-prefixed page: no alternates to offer
        links.append({"code": code, "url": request.build_absolute_uri(translated)})
    return links


@register.simple_tag(takes_context=True)
def language_switch(context):
    """The same page in every language: links on prefixed pages, a form elsewhere."""
    request = context.get("request")
    return [] if request is None else switch_links(request)


@register.simple_tag
def language_cookie_name():
    return settings.LANGUAGE_COOKIE_NAME


@register.simple_tag(takes_context=True)
def login_url(context):
    """Log in, coming back here, in the language of the page the link is on."""
    request = context.get("request")
    url = reverse("account_login")
    if request is None:
        return url
    return localized_path(f"{url}?next={quote(request.get_full_path(), safe='/')}", translation.get_language())


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
