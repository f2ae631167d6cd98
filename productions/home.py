"""What the productions area shows on the home page: the latest productions made with
members (the public showcase), with their stills; two queries (core.home caches them)."""

from __future__ import annotations

from core import home
from core.images import thumbnail_url
from members.models import Member

from . import selectors
from .models import LeadResponse, ProductionLead

SHOWN = 4


def showcase() -> dict:
    productions = selectors.showcase()[:SHOWN]
    return {
        "productions": [
            {
                "title": lead.title,
                "kind": lead.get_kind_display(),
                "year": lead.year,
                "url": selectors.lead_showcase_url(lead),
                "image_url": thumbnail_url(lead.image, 640, 400, crop=True),
                "image_alt": lead.image_alt,
                "members": [response.member.name for response in lead.public_participants],
            }
            for lead in productions
        ]
    }


def register() -> None:
    home.register(
        "showcase",
        template="productions/_home_showcase.html",
        build=showcase,
        order=40,
        invalidated_by=(ProductionLead, LeadResponse, Member),  # a participant's name shows
    )
