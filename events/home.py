"""What the events area shows on the home page: the next public events; one query
(core.home caches it)."""

from __future__ import annotations

from core import home
from core.images import thumbnail_url

from .models import Event

SHOWN = 3


def upcoming() -> dict:
    events = Event.objects.public().upcoming().order_by("starts_at", "pk")[:SHOWN]
    return {
        "events": [
            {
                "title": event.title,
                "kind": event.get_kind_display(),
                "starts_at": event.starts_at,
                "ends_at": event.ends_at,
                "is_multi_day": event.is_multi_day,
                "venue": event.venue,
                "url": event.get_absolute_url(),
                "image_url": thumbnail_url(event.image, 640, 360, crop=True),
            }
            for event in events
        ],
    }


def register() -> None:
    home.register("events", template="events/_home_events.html", build=upcoming, order=50, invalidated_by=(Event,))
