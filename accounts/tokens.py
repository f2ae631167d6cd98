"""Signed invitation links.

A link carries the invitation's id and its random key, signed (HMAC with SECRET_KEY)
and time-stamped by ``django.core.signing``: a changed character fails the signature
before the database is asked, and a link older than the validity period fails on its
own. The key is stored, so resending (a new key) retires the old link, and the
invitation's status makes the link single-use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing

SALT = "accounts.invitation"
VALID_DAYS = 14
MAX_AGE = timedelta(days=VALID_DAYS)


@dataclass(frozen=True)
class InvitationToken:
    invitation_id: int
    key: str


class InvalidToken(Exception):
    """The link was changed or never issued."""


class ExpiredToken(Exception):
    """The link was issued, but longer ago than the validity period."""


def make_token(*, invitation_id: int, key: str) -> str:
    return signing.dumps({"i": invitation_id, "k": key}, salt=SALT, compress=False)


def read_token(token: str) -> InvitationToken:
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ExpiredToken from exc
    except signing.BadSignature as exc:
        raise InvalidToken from exc
    if not isinstance(data, dict) or not isinstance(data.get("i"), int) or not isinstance(data.get("k"), str):
        raise InvalidToken
    return InvitationToken(invitation_id=data["i"], key=data["k"])
