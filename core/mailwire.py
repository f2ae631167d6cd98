"""An email as it travels to a worker (a JSON-safe dict built by ``core.emails``) turned
back into a Django message. Its own module so that the task that sends it and the code
that queues it do not import each other."""

from __future__ import annotations

import base64

from django.conf import settings
from django.core.mail import EmailMultiAlternatives


def to_django_message(message: dict, connection=None) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["text"],
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=message["to"],
        cc=message.get("cc") or None,
        reply_to=message.get("reply_to") or None,
        headers=message.get("headers") or None,
        connection=connection,
    )
    email.attach_alternative(message["html"], "text/html")
    for attachment in message.get("attachments", []):
        email.attach(attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"])
    return email
