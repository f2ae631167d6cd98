from django import template

from members.selectors import fallback_note_language

register = template.Library()


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
