"""allauth adapter: the cluster decides who has an account, so public sign-up is closed.

Accounts come from the coordinator (admin) or from invitations: following a signed
invitation link (``accounts.views.InvitationAcceptView``) creates the account for the
invited address directly, with that address already verified, so allauth's own sign-up
form is never open.

allauth's own emails (password reset, address verification, notices) are written in the
recipient's preferred language (the language of the page for an address without an
account), framed and signed as the portal's other emails, sent as text and HTML by
``core.emails`` from a worker (each one an outbox row named after allauth's template), and
their links open in that language (``?lang=``).
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import translation

from core.branding import cluster_name
from core.clientip import client_ip
from core.emails import queue_email
from core.i18n import language_codes, with_language_parameter

from .models import User

# Context entries of allauth's emails that are links into /accounts/….
LINKS = ("password_reset_url", "activate_url", "signup_url")
# The emails of the password reset form: asked for five times in a minute (a double
# click, an impatient reload), the address gets one within OUTBOX_REPEAT_WINDOW_MINUTES,
# whether or not it has an account (the count of emails must not tell either).
ONCE_PER_WINDOW = ("account/email/password_reset_key", "account/email/unknown_account")


def recipient_language(email: str, context: dict) -> str:
    user = context.get("user")
    if not isinstance(user, User):
        user = User.objects.filter(email__iexact=email).first()
    language = getattr(user, "preferred_language", None)
    return language if language in language_codes() else translation.get_language()


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def get_client_ip(self, request) -> str:
        """The portal's one rule for the client's address (TRUSTED_PROXIES), so that a
        forged X-Forwarded-For buys no new budget from allauth's rate limits either."""
        address = client_ip(request)
        if not address:
            raise PermissionDenied("Unable to determine the client's address")
        return address

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        language = recipient_language(email, context)
        request = allauth_context.request
        with translation.override(language):
            full = {
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                "cluster_name": cluster_name(language),
                "site_url": settings.SITE_URL,
                **context,
            }
            for name in LINKS:
                if full.get(name):
                    full[name] = with_language_parameter(full[name], language)
            subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", full).split())
            body = render_to_string(f"{template_prefix}_message.txt", full, request).strip()
        queue_email(
            to=[email],
            template="accounts/emails/allauth",
            context={"subject": subject, "body": body},
            language=language,
            kind=template_prefix,
            dedupe_key=f"{template_prefix}:{email.casefold()}" if template_prefix in ONCE_PER_WINDOW else "",
        )
