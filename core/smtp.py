"""What an SMTP refusal means: a 4xx reply asks to try again later (greylisting, a full
mailbox, a busy server), a 5xx reply is final. One rule for every sender of email."""

from __future__ import annotations

import smtplib


class TemporarySmtpRefusal(smtplib.SMTPException):
    """The server answered 4xx: the same message may be accepted later."""


class PermanentSmtpRefusal(smtplib.SMTPException):
    """The server answered 5xx: sending the same message again cannot help."""


def reply_codes(exc: smtplib.SMTPException) -> list[int]:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return [code for code, _message in exc.recipients.values()]
    if isinstance(exc, smtplib.SMTPResponseException):
        return [exc.smtp_code]
    return []


def classify(exc: smtplib.SMTPException) -> smtplib.SMTPException:
    """``exc`` as TemporarySmtpRefusal (every code 4xx), PermanentSmtpRefusal (a 5xx), or
    itself when the server gave no reply code (a dropped connection: transient)."""
    codes = reply_codes(exc)
    if not codes:
        return exc
    if all(400 <= code < 500 for code in codes):
        return TemporarySmtpRefusal(str(exc))
    return PermanentSmtpRefusal(str(exc))
