"""allauth adapter: the cluster decides who has an account, so public sign-up is closed.

Accounts come from the coordinator (admin) or from invitations: following a signed
invitation link (``accounts.views.InvitationAcceptView``) creates the account for the
invited address directly, with that address already verified, so allauth's own sign-up
form is never open.
"""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False
