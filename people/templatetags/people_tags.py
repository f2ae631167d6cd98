"""``{% lead_people lead %}``: on a production lead's page (members only), the matching
people free in its shooting window, and the link to pencil it on one's own people."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("people/_lead_people_section.html", takes_context=True)
def lead_people(context, lead):
    free, busy = selectors.people_matching_lead(lead)
    return {"lead": lead, "free": free, "busy": busy, "request": context.get("request")}
