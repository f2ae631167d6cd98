"""The digest a user would get if it went out now (admin preview, test digest).

Nothing here writes: the content is computed afresh (not from the cache) so the
coordinator sees the current state of the portal.
"""

from __future__ import annotations

from core.emails import build_message

from .content import assemble, compute_shared_content, email_parts
from .models import Frequency
from .periods import previous_period
from .selectors import recipients_for

TEMPLATE = "digests/emails/digest"


def digest_now(*, user, frequency: str, ignore_previous: bool = False) -> dict | None:
    """Subject, text, HTML and headers of the digest, or None when it would be empty."""
    if frequency == Frequency.OFF:
        frequency = Frequency.WEEKLY
    period = previous_period(frequency)
    recipient = recipients_for([user.pk], until=period.end)[user.pk]
    if ignore_previous:
        recipient.previous_end = None
    content = compute_shared_content(period, recipient.language)
    sections = assemble(content, recipient, period)
    if not sections:
        return None
    parts = email_parts(content=content, recipient=recipient, sections=sections)
    return {
        "frequency": frequency,
        "language": recipient.language,
        "context": parts["context"],
        "message": build_message(
            to=[recipient.email],
            template=TEMPLATE,
            context=parts["context"],
            language=recipient.language,
            headers=parts["headers"],
        ),
    }
