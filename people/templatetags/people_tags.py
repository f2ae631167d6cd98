"""``{% lead_people lead %}``: on a production lead's page (members only), the matching
people free in its shooting window, and the link to pencil it on one's own people;
``{% busy_days owner %}``: a location's (or resource's) busy days for its public page;
``{% resources_window %}``: which of a firm's listed resources are free for given dates."""

import datetime

from django import forms, template
from django.utils.translation import gettext_lazy as _

from members.filters import WINDOW, WindowFilterForm
from members.models import Resource

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


class _WindowForm(WindowFilterForm):
    available_from = forms.DateField(
        label=_("Available from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    available_to = forms.DateField(
        label=_("Available until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


@register.simple_tag
def resources_window(resources, params):
    """``{% resources_window member.resources.all request.GET as check %}``: a firm's
    public list of resources asked "free between ?available_from and ?available_to":
    the form (errors next to its fields), the window, and the ids of the resources free
    over all of it (one query, only when a valid window is given)."""
    form = _WindowForm(params if any(params.get(name) for name in WINDOW) else None, auto_id="resources-%s")
    window = form.window
    free = None
    if window:
        ids = [resource.pk for resource in resources]
        free = set(selectors.free_resources(Resource.objects.filter(pk__in=ids), *window).values_list("pk", flat=True))
    return {"form": form, "window": window, "free": free}
