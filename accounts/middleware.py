"""Two-factor authentication is required for staff (coordinators), when switched on.

``PORTAL_REQUIRE_STAFF_MFA`` (settings) decides. It defaults to on in production and
off elsewhere, so the demo coordinator can log in without a phone; a staff user
without a TOTP authenticator is sent to allauth's TOTP set-up page on every request
until they have one. allauth's own pages (log out, set up, re-authenticate), static
and media files stay reachable, or nobody could ever comply.
"""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect

EXEMPT_PREFIXES = ("/accounts/", "/static/", "/media/", "/i18n/", "/healthz")


class StaffMFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up(request):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _must_set_up(request) -> bool:
        if not getattr(settings, "PORTAL_REQUIRE_STAFF_MFA", False):
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_staff:
            return False
        if request.path.startswith(EXEMPT_PREFIXES):
            return False

        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
