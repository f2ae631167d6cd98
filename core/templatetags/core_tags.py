from django import template
from django.conf import settings
from django.urls import translate_url

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
