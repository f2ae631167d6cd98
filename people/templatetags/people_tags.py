"""``{% lead_people lead %}``: on a production lead's page (members only), the matching
people free in its shooting window, and the link to pencil it on one's own people;
``{% busy_days owner %}``: a location's (or resource's) busy days for its public page."""

import datetime

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("people/_lead_people_section.html", takes_context=True)
def lead_people(context, lead):
    free, busy = selectors.people_matching_lead(lead)
    return {"lead": lead, "free": free, "busy": busy, "request": context.get("request")}


@register.simple_tag
def busy_days(owner, limit: int = 12):
    """``{% busy_days location as busy %}``: the days ahead an owner (a location, a
    resource) is busy, merged, as (first, last) pairs. Public pages show only busy or
    free: never whether a day is booked or pencilled, nor for whom, nor a note."""
    merged: list[list] = []
    for period in selectors.busy_from_today(owner).only("start", "end"):
        if merged and period.start <= merged[-1][1] + datetime.timedelta(days=1):
            merged[-1][1] = max(merged[-1][1], period.end)
        else:
            merged.append([period.start, period.end])
    return [tuple(pair) for pair in merged[:limit]]
