"""Assembling a digest: shared content once per (period, language), then per recipient.

The expensive part — asking every section provider — runs once for a period and a
language and is cached in Redis; each recipient's digest is that content filtered by
what they chose and by their previous digest, with the leads matching their firm's
services moved to the top and marked. No query runs per recipient.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from .models import Frequency, SectionKey
from .periods import Period
from .sections import MAX_ITEMS, SECTIONS, Window, gather

# Content older than this never comes back, whatever a recipient's previous digest was
# (a monthly period is at most 31 days long).
LOOKBACK = dt.timedelta(days=31)
CONTENT_TIMEOUT = 60 * 60 * 24 * 3
SECTION_ORDER = [
    SectionKey.LEADS,
    SectionKey.COOPERATION,
    SectionKey.NEWS,
    SectionKey.EVENTS,
    SectionKey.CALLS,
    SectionKey.MEMBERS,
]
UNSUBSCRIBE_SALT = "digests.unsubscribe"


@dataclass
class Recipient:
    user_id: int
    email: str
    name: str
    language: str
    sections: list[str]
    frequency: str = "weekly"  # what they chose now (they may have changed it since planning)
    firm_categories: set[int] = field(default_factory=set)
    firm_ids: set[int] = field(default_factory=set)
    previous_end: dt.date | None = None  # end of the last digest sent to them
    subscription_version: int = 0  # signed into the unsubscribe link


def content_cache_key(period: Period, language: str) -> str:
    return f"digests:content:{period.key}:{language}"


def compute_shared_content(period: Period, language: str, *, now: dt.datetime | None = None) -> dict:
    """Every section's items for the period, in ``language`` (no caching)."""
    now = now or timezone.now()
    window = Window(start=min(period.starts_at, period.ends_at - LOOKBACK), end=period.ends_at, now=now)
    with translation.override(language):
        sections = {}
        for key in SECTION_ORDER:
            items = gather(key, window)
            for item in items:
                item["t"] = dt.datetime.fromisoformat(item["ts"]).timestamp() if item.get("ts") else None
            sections[key] = {
                "title": str(SECTIONS[key].title),
                "url": _list_url(SECTIONS[key].list_url_name, language),
                "items": items,
            }
        return {
            "generated_at": now.isoformat(),
            "period_label": period.label(language),
            "frequency_label": str(Frequency(period.frequency).label).lower(),
            "preferences_url": settings.SITE_URL + reverse("digests:preferences"),
            "portal_url": f"{settings.SITE_URL}/{language}/",
            "sections": sections,
        }


def _list_url(name: str, language: str) -> str:
    try:
        return settings.SITE_URL + reverse(name)
    except NoReverseMatch:
        return f"{settings.SITE_URL}/{language}/"


def shared_content(period: Period, language: str) -> dict:
    """The period's content in ``language``, computed by the first batch that needs it."""
    key = content_cache_key(period, language)
    content = cache.get(key)
    if content is None:
        content = compute_shared_content(period, language)
        # add() keeps the first copy when two workers raced, so everyone in the period
        # gets the same digest.
        if not cache.add(key, content, timeout=CONTENT_TIMEOUT):
            content = cache.get(key) or content
    return content


def since_for(recipient: Recipient, period: Period) -> dt.datetime:
    """Items newer than this are new to the recipient: since their previous digest,
    or since the period start for a first one."""
    if recipient.previous_end is None or recipient.previous_end >= period.end:
        return period.starts_at
    floor = period.ends_at - LOOKBACK
    return max(floor, dt.datetime.combine(recipient.previous_end, dt.time.min, tzinfo=period.starts_at.tzinfo))


def assemble(content: dict, recipient: Recipient, period: Period) -> list[dict]:
    """The sections this recipient gets; empty when there is nothing for them."""
    since = since_for(recipient, period).timestamp()
    result = []
    for key in SECTION_ORDER:
        if key not in recipient.sections:
            continue
        section = content["sections"].get(key)
        if not section:
            continue
        items = [item for item in section["items"] if item["t"] is None or item["t"] >= since]
        if not items:
            continue
        if key == SectionKey.LEADS:
            items = [
                {**item, "matches": bool(recipient.firm_categories.intersection(item["categories"]))} for item in items
            ]
            items.sort(key=lambda item: not item["matches"])  # stable: newest first within each group
        elif key == SectionKey.COOPERATION:
            # Only what the recipient's firm could answer, never its own requests.
            items = [
                item
                for item in items
                if item["member"] not in recipient.firm_ids
                and recipient.firm_categories.intersection(item["categories"])
            ]
            if not items:
                continue
        result.append(
            {
                "key": key,
                "title": section["title"],
                "url": section["url"],
                "items": items[:MAX_ITEMS],
                "more": max(0, len(items) - MAX_ITEMS),
            }
        )
    return result


def summarise(sections: list[dict]) -> dict:
    """What the coordinator sees in the delivery log: counts and titles per section."""
    return {
        section["key"]: {
            "count": len(section["items"]) + section["more"],
            "titles": [item["title"] for item in section["items"]],
            "matching": [item["title"] for item in section["items"] if item.get("matches")],
        }
        for section in sections
    }


def unsubscribe_token(user_id: int, version: int = 0) -> str:
    """A signed "<user id>.<subscription version>": re-subscribing raises the version, so
    a link from an earlier digest no longer turns the digest off."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(f"{user_id}.{version}")


def read_unsubscribe_token(token: str) -> tuple[int, int]:
    """The user and subscription version the token was made for; raises
    signing.BadSignature when tampered. A bare user id (links sent before versions
    existed) reads as version 0."""
    value = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    user_id, _, version = value.partition(".")
    if not user_id.isdigit() or not (version or "0").isdigit():
        raise signing.BadSignature("not a user id and version")
    return int(user_id), int(version or 0)


def unsubscribe_url(user_id: int, language: str, version: int = 0) -> str:
    with translation.override(language):
        token = unsubscribe_token(user_id, version)
        return settings.SITE_URL + reverse("digests:unsubscribe", kwargs={"token": token})


# Rendered sections, per process: most recipients of a period share the same blocks
# (the leads block differs only by which leads match the firm), so each block is
# rendered once and reused. Bounded; cleared when full.
_RENDERED: dict[tuple, tuple[str, str]] = {}
_RENDERED_MAX = 5000
_LINE_BREAKS = re.compile(r"\s*\n\s*")
_LINE_LENGTH = 600  # SMTP allows 998 octets a line; stay well below with multi-byte text


def compact_html(html: str) -> str:
    """Drop the templates' indentation and join lines up to ~600 characters, breaking
    only after a tag: a smaller message with fewer lines, rendered the same (HTML
    treats a line break between tags like a space)."""
    flat = _LINE_BREAKS.sub(" ", html).strip()
    lines, start = [], 0
    while len(flat) - start > _LINE_LENGTH:
        cut = flat.find(">", start + _LINE_LENGTH // 2, start + _LINE_LENGTH)
        if cut == -1:
            cut = flat.find(" ", start + _LINE_LENGTH // 2, start + _LINE_LENGTH)
        if cut == -1:
            break  # no place to break: Django encodes a long line as quoted-printable
        lines.append(flat[start : cut + 1])
        start = cut + 1
    lines.append(flat[start:])
    return "\n".join(lines)


def render_section(section: dict, *, content: dict, language: str) -> tuple[str, str]:
    """The section's HTML block (escaped by the template, so safe) and its text."""
    key = (
        content["generated_at"],
        content["period_label"],
        language,
        section["key"],
        tuple((item["id"], item.get("matches", False)) for item in section["items"]),
        section["more"],
    )
    rendered = _RENDERED.get(key)
    if rendered is None:
        with translation.override(language):
            html = compact_html(render_to_string("digests/emails/_section.html", {"section": section}))
            text = render_to_string("digests/emails/_section.txt", {"section": section}, using="text")
        if len(_RENDERED) >= _RENDERED_MAX:
            _RENDERED.clear()
        rendered = _RENDERED[key] = (html, text)
    return rendered


def email_parts(*, content: dict, recipient: Recipient, sections: list[dict]) -> dict:
    """Template context and headers of one recipient's digest."""
    unsubscribe = unsubscribe_url(recipient.user_id, recipient.language, recipient.subscription_version)
    rendered = []
    for section in sections:
        html, text = render_section(section, content=content, language=recipient.language)
        rendered.append({**section, "html": mark_safe(html), "text": text})  # noqa: S308 - our own escaped template output
    sections = rendered
    context = {
        "recipient_name": recipient.name,
        "period_label": content["period_label"],
        "frequency_label": content["frequency_label"],
        "sections": sections,
        "matching_count": sum(1 for s in sections for item in s["items"] if item.get("matches")),
        "preferences_url": content["preferences_url"],
        "portal_url": content["portal_url"],
        "unsubscribe_url": unsubscribe,
    }
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }
    return {"context": context, "headers": headers}
