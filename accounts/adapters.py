"""allauth adapter: the cluster decides who has an account, so public sign-up is closed.

Accounts come from the coordinator (admin) or from invitations: following a signed
invitation link (``accounts.views.InvitationAcceptView``) creates the account for the
invited address directly, with that address already verified, so allauth's own sign-up
form is never open.
"""

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied

from core.clientip import client_ip


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
