import json

from django import template
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import mark_safe

from members.selectors import fallback_note_language

register = template.Library()


@register.simple_tag
def json_ld(data):
    """A schema.org block; <, > and & are escaped as in json_script, so no text closes it."""
    text = json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped above


@register.simple_tag
def shown_in_language(instance, field_name):
    """'pl'/'en' when the text is shown from the other language, else ''."""
    return fallback_note_language(instance, field_name) or ""


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None removes one)."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    for key, value in changes.items():
        query.pop(key, None)
        if value not in (None, ""):
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"
