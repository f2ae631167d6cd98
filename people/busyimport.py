"""Fetching an owner's outside calendar's public busy feed — a person's own (``Person``),
or a firm's resource's or a managed location's (``OwnerCalendar``): a short timeout, a
size limit, http(s) only, and no address inside the portal's own network (a feed URL
must not reach the database or Redis), then ``feeds.parse_busy``. Every outcome is a
status the owner reads on their calendar page; nothing here raises to the caller."""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .feeds import FeedError, parse_busy
from .models import OwnerCalendar, Period, Person

TIMEOUT_SECONDS = 10
MAX_BYTES = 1024 * 1024


def _check_address(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FeedError(_("Give an http or https address."))
    if getattr(settings, "PEOPLE_FEED_ALLOW_PRIVATE_HOSTS", False):
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 443)}
    except OSError as error:
        raise FeedError(_("The feed's server could not be found.")) from error
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not ip.is_global:
            raise FeedError(_("The feed's address is not on the public internet."))


def fetch(url: str) -> bytes:
    _check_address(url)
    request = urllib.request.Request(url, headers={"User-Agent": "cluster-portal-busy-import/1"})  # noqa: S310 - scheme checked
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - scheme checked
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > MAX_BYTES:
                raise FeedError(_("The feed is larger than 1 MB."))
            content = response.read(MAX_BYTES + 1)
    except TimeoutError as error:
        raise FeedError(_("The feed's server did not answer in time.")) from error
    except urllib.error.HTTPError as error:
        raise FeedError(_("The feed's server answered with an error (%(code)s).") % {"code": error.code}) from error
    except (urllib.error.URLError, OSError) as error:
        if isinstance(getattr(error, "reason", None), TimeoutError):
            raise FeedError(_("The feed's server did not answer in time.")) from error
        raise FeedError(_("The feed's server could not be reached.")) from error
    if len(content) > MAX_BYTES:
        raise FeedError(_("The feed is larger than 1 MB."))
    return content


def _owner_and_language(source: Person | OwnerCalendar) -> tuple[dict, str]:
    """Which ``Period`` owner the feed fills, and the language its status is written in."""
    if isinstance(source, Person):
        language = source.user.preferred_language if source.user_id else ""
        return {"person": source}, language or settings.LANGUAGE_CODE
    return {source.owner_field: source.owner}, source.import_language or settings.LANGUAGE_CODE


def import_busy(source: Person | OwnerCalendar) -> str:
    """Replace the owner's imported busy days with the feed's; returns the status shown.
    ``source`` is the row holding ``import_url`` and the status fields."""
    owner, language = _owner_and_language(source)
    with translation.override(language):
        try:
            ranges = parse_busy(fetch(source.import_url), today=timezone.localdate())
        except FeedError as error:
            status = str(error)
        else:
            with transaction.atomic():
                Period.objects.filter(**owner, source=Period.Source.FEED).delete()
                Period.objects.bulk_create(
                    Period(**owner, kind=Period.Kind.BOOKED, source=Period.Source.FEED, start=a, end=b)
                    for a, b in ranges
                )
            status = _("Imported %(count)d busy periods.") % {"count": len(ranges)}
    source.import_status, source.import_checked_at = status[:200], timezone.now()
    type(source).objects.filter(pk=source.pk).update(
        import_status=source.import_status, import_checked_at=source.import_checked_at
    )
    return status
