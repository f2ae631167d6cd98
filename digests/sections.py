"""What a digest can hold: one provider per section, registered in ``SECTIONS``.

A provider gathers the items of its section that the whole cluster shares for one
period and one language (it runs inside ``translation.override``), through the
selectors of the app it reads from. Every app is always installed, so a provider that
fails is a bug: it raises, and the test or the task's log shows it.

An item is a plain, JSON-serialisable dict (it is cached in Redis and kept in the
delivery's summary):

``id``          stable key, e.g. ``"news:12"``
``title``       text in the period's language
``url``         absolute link back to the portal
``meta``        one short line under the title (date, kind, city…)
``ts``          ISO time the item became new, compared with each recipient's previous
                digest; ``None`` for reminders (upcoming events, deadlines), which count
                whenever they fall in their window
``badge``       optional short label ("new", "changed")
``categories``  service category IDs a lead needs or a cooperation request names
``member``      the firm that posted a cooperation request (cooperation only)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation import selectors as cooperation_selectors
from events import selectors as events_selectors
from members import selectors as members_selectors
from news import selectors as news_selectors
from productions import selectors as productions_selectors

from .models import SectionKey

# Most items a section shows; the rest is a "more on the portal" link.
MAX_ITEMS = 10
EVENTS_AHEAD = dt.timedelta(days=30)
CALLS_AHEAD = dt.timedelta(days=14)


@dataclass(frozen=True)
class Window:
    """What a digest looks at: items new in [start, end), reminders after ``now``."""

    start: dt.datetime
    end: dt.datetime
    now: dt.datetime


@dataclass(frozen=True)
class Section:
    key: str
    title: object  # lazy string
    list_url_name: str
    provider: Callable[[Window], list[dict]]


SECTIONS: dict[str, Section] = {}


def section(key: str, title, list_url_name: str):
    def register(provider):
        SECTIONS[key] = Section(key=key, title=title, list_url_name=list_url_name, provider=provider)
        return provider

    return register


def gather(key: str, window: Window) -> list[dict]:
    """The provider's items; an error in one is a bug and surfaces, never an empty section."""
    return SECTIONS[key].provider(window)


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _day(moment) -> str:
    if isinstance(moment, dt.datetime):
        moment = timezone.localtime(moment)
    return formats.date_format(moment, "DATE_FORMAT")


def _lead_item(lead, badge: str, moment: dt.datetime) -> dict:
    meta = [lead.get_kind_display(), lead.get_status_display()]
    if lead.shooting_start:
        meta.append(_("shooting from %(date)s") % {"date": _day(lead.shooting_start)})
    return {
        "id": f"lead:{lead.pk}",
        "title": lead.title,
        "url": absolute(lead.get_absolute_url()),
        "meta": " · ".join(str(part) for part in meta if part),
        "ts": _iso(moment),
        "badge": badge,
        "categories": sorted({c.pk for c in lead.services_needed.all()}),
    }


@section(SectionKey.LEADS, gettext_lazy("Production leads"), "productions:list")
def lead_items(window: Window) -> list[dict]:
    """Published leads that are new, moved to another status or updated in the window."""

    changed = productions_selectors.leads_changed_since(window.start)
    groups = [
        (changed.new, str(_("new")), "published_at"),
        (changed.status_changed, str(_("status changed")), "updated_at"),
        (changed.updated, str(_("updated")), "updated_at"),
    ]
    prefetch_related_objects([lead for leads, _badge, _at in groups for lead in leads], "services_needed")
    items = []
    for leads, badge, moment_field in groups:
        # Newest first within each kind of change, as in every section (the cap of
        # MAX_ITEMS then keeps the latest, the rest is behind the "more" link).
        in_window = [lead for lead in leads if getattr(lead, moment_field) < window.end]
        in_window.sort(key=lambda lead, at=moment_field: getattr(lead, at), reverse=True)
        items.extend(_lead_item(lead, badge, getattr(lead, moment_field)) for lead in in_window)
    return items


@section(SectionKey.NEWS, gettext_lazy("News"), "news:list")
def news_items(window: Window) -> list[dict]:
    """Posts published in the window, newest first (members-only posts too: every
    recipient is a member)."""
    posts = news_selectors.published_between(window.start, window.end)
    return [
        {
            "id": f"news:{post.pk}",
            "title": post.title,
            "url": absolute(post.get_absolute_url()),
            "meta": " · ".join([_day(post.published_at), str(post.get_category_display())]),
            "ts": _iso(post.published_at),
        }
        for post in reversed(list(posts.defer("body_pl", "body_en")))
    ]


@section(SectionKey.EVENTS, gettext_lazy("Upcoming events with open registration"), "events:list")
def event_items(window: Window) -> list[dict]:
    """Events starting in the next 30 days whose registration is open now."""
    selector = events_selectors.upcoming_open_for_registration
    return [
        {
            "id": f"event:{event.pk}",
            "title": event.title,
            "url": absolute(event.get_absolute_url()),
            "meta": " · ".join(
                part
                for part in [
                    formats.date_format(timezone.localtime(event.starts_at), "DATETIME_FORMAT"),
                    event.venue,
                ]
                if part
            ),
            "ts": None,
        }
        for event in selector(now=window.now, days=EVENTS_AHEAD.days)
    ]


@section(SectionKey.CALLS, gettext_lazy("Funding calls and tenders closing soon"), "news:calls")
def call_items(window: Window) -> list[dict]:
    """Calls and tenders whose deadline falls in the next 14 days."""
    calls = news_selectors.open_calls(now=window.now)
    calls = calls.filter(deadline__lt=window.now + CALLS_AHEAD).defer("body_pl", "body_en")
    return [
        {
            "id": f"call:{post.pk}",
            "title": post.title,
            "url": absolute(post.get_absolute_url()),
            "meta": _("deadline %(date)s")
            % {"date": formats.date_format(timezone.localtime(post.deadline), "DATETIME_FORMAT")},
            "ts": None,
        }
        for post in calls
    ]


@section(SectionKey.MEMBERS, gettext_lazy("New members"), "members:list")
def member_items(window: Window) -> list[dict]:
    """Firms that joined the cluster in the window."""
    members = members_selectors.members_joined_since(window.start)
    items = []
    for member in members:
        joined = (
            dt.datetime.combine(member.member_since, dt.time.min, tzinfo=timezone.get_current_timezone())
            if member.member_since
            else member.created_at
        )
        if not window.start <= joined < window.end:
            continue
        items.append(
            {
                "id": f"member:{member.pk}",
                "title": member.name,
                "url": absolute(member.get_absolute_url()),
                "meta": " · ".join(part for part in [member.city, member.tagline] if part),
                "ts": _iso(joined),
            }
        )
    return items


@section(SectionKey.COOPERATION, gettext_lazy("Cooperation requests for your firm's services"), "cooperation:list")
def cooperation_items(window: Window) -> list[dict]:
    """Members' requests posted in the window and still open, newest first; each
    recipient gets those naming a service their firm offers (``content.assemble``)."""
    requests = cooperation_selectors.posted_between(window.start, window.end)
    items = []
    for request in requests:
        meta = [str(request.get_kind_display()), request.member.name]
        if request.respond_by:
            meta.append(_("answers by %(date)s") % {"date": _day(request.respond_by)})
        items.append(
            {
                "id": f"cooperation:{request.pk}",
                "title": request.title,
                "url": absolute(request.get_absolute_url()),
                "meta": " · ".join(meta),
                "ts": _iso(request.created_at),
                "categories": sorted(c.pk for c in request.services.all()),
                "member": request.member_id,
            }
        )
    return items
