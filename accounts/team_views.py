"""The team page of "My company": a firm's admins invite people and remove them.

Access is the editor's (``members.company_views.CompanyAccessMixin``) with ``admin_only``:
member editors get 403.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from core import ratelimit
from members.company_views import CompanyAccessMixin

from . import selectors, services
from .forms import TeamInviteForm
from .models import Invitation, Membership

TOO_MANY_INVITATIONS = _(
    "You have sent too many invitations in a short time. Nothing was sent; please try again later."
)


def invitations_allowed(request, *, count: int = 1) -> bool:
    """Count ``count`` invitation emails against the person's budget (``INVITATION_RATE``).

    Per user, not per firm or address, so one account cannot flood anybody's inbox.
    """
    return ratelimit.hit(request, "invitations", settings.INVITATION_RATE, key=f"user:{request.user.pk}", cost=count)


class TeamView(CompanyAccessMixin, TemplateView):
    admin_only = True
    template_name = "accounts/team.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", TeamInviteForm())
        return super().get_context_data(
            memberships=selectors.team_memberships(self.member),
            invitations=selectors.team_invitations(self.member),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = TeamInviteForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        emails = form.cleaned_data["emails"]
        if not invitations_allowed(request, count=len(emails)):
            form.add_error(None, TOO_MANY_INVITATIONS)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        batch = services.invitations_create(
            member=self.member,
            emails=emails,
            role=form.cleaned_data["role"],
            invited_by=request.user,
            language=request.LANGUAGE_CODE,
        )
        messages.success(request, _("Invitations sent: %(count)s.") % {"count": len(batch.sent)})
        if batch.recently_sent:
            messages.warning(request, services.recently_sent_message(batch.recently_sent))
        if batch.already_members:
            messages.info(
                request,
                _("%(count)s of these people already belong to the firm.") % {"count": len(batch.already_members)},
            )
        return redirect("accounts:team", slug=self.member.slug)


class TeamActionView(CompanyAccessMixin, View):
    """POST-only actions on the team page."""

    admin_only = True
    http_method_names = ["post"]

    def done(self):
        return HttpResponseRedirect(reverse("accounts:team", kwargs={"slug": self.member.slug}))


class MembershipRemoveView(TeamActionView):
    def post(self, request, *args, **kwargs):
        membership = get_object_or_404(Membership, pk=kwargs["pk"], member=self.member)
        try:
            services.membership_remove(membership=membership)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("%(name)s no longer belongs to the firm.") % {"name": membership.user})
        if membership.user_id == request.user.id and not request.user.is_staff:
            return redirect("members:company_index")
        return self.done()


class InvitationRevokeView(TeamActionView):
    def post(self, request, *args, **kwargs):
        invitation = get_object_or_404(Invitation, pk=kwargs["pk"], member=self.member)
        if services.invitation_revoke(invitation=invitation):
            messages.success(request, _("The invitation to %(email)s is revoked.") % {"email": invitation.email})
        return self.done()


class InvitationResendView(TeamActionView):
    def post(self, request, *args, **kwargs):
        invitation = get_object_or_404(Invitation, pk=kwargs["pk"], member=self.member)
        if not invitations_allowed(request):
            messages.error(request, TOO_MANY_INVITATIONS)
            return self.done()
        try:
            resent = services.invitation_resend(invitation=invitation, by=request.user)
        except services.InvitationRecentlySent:
            messages.warning(request, services.recently_sent_message([invitation.email]))
        else:
            if resent:
                messages.success(request, _("A new link went to %(email)s.") % {"email": invitation.email})
        return self.done()
