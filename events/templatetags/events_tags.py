from django import template
from django.utils.html import json_script
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def ld_json(value) -> str:
    """A schema.org object as <script type="application/ld+json">, escaped like json_script."""
    script = json_script(value)  # <, > and & escaped, so nothing in the data can end the script
    return mark_safe(script.replace('type="application/json"', 'type="application/ld+json"', 1))  # noqa: S308
