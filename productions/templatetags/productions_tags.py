"""Template helpers of the productions area, also for the member profile's credits:

{% load productions_tags %}{% showcase_links member.credits.all as showcase %}
{% for credit in member.credits.all %}{% showcase_url_for showcase credit.title as url %}...
"""

from django import template
from django.urls import NoReverseMatch

from productions import selectors

register = template.Library()


@register.filter
def member_url(member) -> str:
    """The member's public profile, or an empty string while the catalogue has none."""
    try:
        return member.get_absolute_url()
    except NoReverseMatch:
        return ""


@register.simple_tag
def showcase_links(credits) -> dict:
    """{lowercased title: showcase URL} for these credits, in one query."""
    return selectors.showcase_urls_for_titles([c.title for c in credits])


@register.simple_tag
def showcase_url_for(links: dict, title: str) -> str:
    return links.get((title or "").strip().casefold(), "")
