"""allauth adapter: the cluster decides who has an account, so public sign-up is closed.

Accounts come from the coordinator (admin) or, later, from invitations, which open
sign-up for the one invited address only.
"""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return bool(getattr(request, "invitation_allows_signup", False))
