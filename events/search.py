"""Events in the site search: public events for everyone, members-only ones for members
(``events.selectors.visible_events``)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.search import indexing
from core.search.registry import SearchGroup, SearchHit

from . import selectors
from .models import Event

GENERATION = "events"


def event_groups(event: Event) -> dict[str, list]:
    return {
        "A": [event.title_pl, event.title_en],
        "B": [event.get_kind_display(), event.organiser, event.venue_pl, event.venue_en],
        "C": [event.description_pl, event.description_en],
    }


class EventsSearch:
    kind = "events"
    order = 30

    def label(self) -> str:
        return str(_("Events"))

    def search(self, query, *, user, limit):
        events, total = indexing.ranked(selectors.visible_events(user), query, limit=limit, then=("-starts_at",))
        hits = [
            SearchHit(
                title=event.title,
                url=event.get_absolute_url(),
                summary=event.venue or "",
                meta=f"{event.get_kind_display()} · {date_format(timezone.localtime(event.starts_at), 'j E Y, H:i')}",
                members_only=event.visibility != Event.Visibility.PUBLIC,
            )
            for event in events
        ]
        return SearchGroup(self.kind, self.label(), total, hits)

    def documents(self):
        return [Event.objects.all()]

    def rebuild(self) -> int:
        return indexing.rebuild(Event.objects.all(), event_groups)
