from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("People and membership")

    def ready(self):
        # The invite entry points on the member's admin pages (an action on the list, the
        # invitations and an invite form on each member). The Member admin belongs to
        # the members app; by the time apps are ready the admin has imported every
        # admin module, so the action is added to it here if it is not there already.
        from django.contrib import admin

        from members.models import Member

        from .admin import InvitationListInline, InvitationSendInline, invite_people_to_member

        member_admin = admin.site._registry.get(Member)
        if member_admin is not None:
            actions = list(member_admin.actions or [])
            if invite_people_to_member not in actions and "invite_people_to_member" not in actions:
                member_admin.actions = [*actions, invite_people_to_member]
            inlines = list(member_admin.inlines or [])
            if InvitationSendInline not in inlines:
                member_admin.inlines = [*inlines, InvitationListInline, InvitationSendInline]
