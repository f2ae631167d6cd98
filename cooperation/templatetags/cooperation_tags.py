"""Template pieces of the cooperation area that other areas' pages include.

``{% call_cooperation post %}`` on a call's or tender's page and ``{% lead_team lead %}``
on a lead's page render nothing at all for anyone who is not a cluster member, so the
public call page, its feed and the anonymous page cache never carry any of it.
"""

from django import template
from django.template.loader import render_to_string

from accounts.access import is_cluster_member
from cooperation import selectors
from cooperation.forms import CallMarkForm
from cooperation.models import CallParticipation
from cooperation.text import render_plain_text

register = template.Library()


@register.filter
def plain_text(value):
    """Plain text a member wrote, as safe HTML with paragraphs and links."""
    return render_plain_text(value or "")


@register.simple_tag(takes_context=True)
def call_cooperation(context, post):
    request = context.get("request")
    if request is None or not getattr(post, "is_call", False) or not is_cluster_member(request.user):
        return ""
    firms = selectors.user_firms(request.user)
    panel = selectors.call_panel(call=post, firms=firms)
    rows = []
    for firm in firms:
        mark = panel.mine.get(firm.pk)
        initial = {"member": firm.pk, "status": mark.status if mark else CallParticipation.Status.INTERESTED}
        initial["seeks_partners"] = mark.seeks_partners if mark else False
        rows.append({"firm": firm, "mark": mark, "form": CallMarkForm(firms=[firm], initial=initial)})
    return render_to_string(
        "cooperation/_call_panel.html",
        {"post": post, "panel": panel, "rows": rows, "is_open": post.is_open()},
        request=request,
    )


@register.simple_tag(takes_context=True)
def lead_team(context, lead):
    request = context.get("request")
    if request is None or not is_cluster_member(request.user):
        return ""
    firms = selectors.user_firms(request.user)
    team = selectors.lead_team(lead)
    rows = [
        {
            "firm": firm,
            "can_join": team.can_team_up(firm.pk),
            "joined": team.has_joined(firm.pk),
            "others": team.others(firm.pk),
        }
        for firm in firms
        if firm.pk in team.interested
    ]
    if not rows:
        return ""
    return render_to_string(
        "cooperation/_lead_team.html",
        {"lead": lead, "rows": rows, "interested_count": len(team.interested)},
        request=request,
    )
