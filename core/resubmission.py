"""A public form posted twice with the same content (a double click, a reloaded page) is
handled once.

The content is claimed in Redis with ``cache.add``, which is atomic: of two identical
posts arriving together exactly one gets the claim. The claim lapses after ``window``
seconds, and is given back when the submission did not go through (refused by the rate
limit, or an error), so that the sender can try again at once.

While Redis is unreachable the cache refuses every ``add`` (core.cache degrades, it does
not raise). A refused claim counts as a repeat only when the earlier claim can be seen
(``has_key``); otherwise the submission goes through, so an outage never swallows a
message behind a "sent" page (a double click may then be handled twice, which the
outbox's own repeat key still stops for emails).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache


def _normalised(part):
    # Case and spacing do not make a message another one.
    return " ".join(part.split()).casefold() if isinstance(part, str) else part


class Submission:
    def __init__(self, scope: str, *parts, window: int = 10 * 60):
        content = json.dumps([_normalised(part) for part in parts], default=str)
        self.key = f"resubmission:{scope}:{hashlib.sha256(content.encode()).hexdigest()}"
        self.window = window

    def claim(self) -> bool:
        """True for the first submission of this content within the window."""
        return cache.add(self.key, 1, timeout=self.window) or not cache.has_key(self.key)

    def release(self) -> None:
        cache.delete(self.key)

    @contextmanager
    def claimed(self) -> Iterator[bool]:
        """Claim for the duration of the block; an exception in it gives the claim back."""
        first = self.claim()
        try:
            yield first
        except BaseException:
            if first:
                self.release()
            raise
