"""The "My company" area: a firm's users keep its public profile current.

Access, in one place (``CompanyAccessMixin``): anonymous users go to the login page; a
user who does not belong to the firm gets 404 (the URL reveals nothing); a user of a
firm that is not active (suspended, former) gets 403 at once, as in ``core.access``;
coordinators (staff) may open every firm. Views with ``admin_only`` (the team) also
turn away member editors with 403.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from core import ratelimit
from members.models import Member

from . import selectors, services
from .company_forms import (
    EXTRA_LISTS,
    CompanyProfileForm,
    ServiceFormSet,
    available_extra_lists,
    extra_list_formset,
)
from .forms import TeamInviteForm
from .models import Invitation, Membership


class CompanyAccessMixin(LoginRequiredMixin):
    admin_only = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.member = selectors.member_for_editing(slug=kwargs["slug"])
        if self.member is None:
            raise Http404
        self.membership = None
        if not request.user.is_staff:
            self.membership = Membership.objects.filter(user=request.user, member=self.member).first()
            if self.membership is None:
                raise Http404
            if self.member.status != Member.Status.ACTIVE:
                raise PermissionDenied("the firm is not active")
            if self.admin_only and self.membership.role != Membership.Role.ADMIN:
                raise PermissionDenied("member admins only")
        return super().dispatch(request, *args, **kwargs)

    @property
    def can_manage_team(self) -> bool:
        return self.request.user.is_staff or self.membership.role == Membership.Role.ADMIN

    def public_url(self) -> str:
        try:
            return self.member.get_absolute_url()
        except NoReverseMatch:  # the public profile page is not there yet
            return ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            member=self.member,
            membership=self.membership,
            can_manage_team=self.can_manage_team,
            extra_lists=available_extra_lists(),
            public_url=self.public_url(),
            missing=services.member_profile_missing(self.member),
        )
        return context


class CompanyIndexView(LoginRequiredMixin, TemplateView):
    """The user's firms; with exactly one, straight to its editor."""

    template_name = "accounts/company_index.html"

    def get(self, request, *args, **kwargs):
        memberships = list(selectors.user_firms(request.user))
        if len(memberships) == 1 and memberships[0].member.status == Member.Status.ACTIVE:
            return redirect("accounts:company_edit", slug=memberships[0].member.slug)
        return self.render_to_response(self.get_context_data(memberships=memberships))


class CompanyEditView(CompanyAccessMixin, TemplateView):
    template_name = "accounts/company_form.html"

    def get(self, request, *args, **kwargs):
        form = CompanyProfileForm(instance=self.member)
        formset = ServiceFormSet(instance=self.member, prefix="services")
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def post(self, request, *args, **kwargs):
        form = CompanyProfileForm(request.POST, request.FILES, instance=self.member)
        formset = ServiceFormSet(request.POST, instance=self.member, prefix="services")
        if not (form.is_valid() and formset.is_valid()):
            messages.error(request, _("Nothing was saved yet: please correct the fields marked below."))
            # The stored logo stays what it was; the form keeps everything typed.
            self.member.refresh_from_db(fields=["logo"])
            return self.render_to_response(self.get_context_data(form=form, formset=formset), status=400)
        services.company_profile_save(form=form, formsets=[formset])
        messages.success(request, _("The profile is saved and the public page shows it."))
        return redirect("accounts:company_edit", slug=self.member.slug)


class CompanyListEditView(CompanyAccessMixin, TemplateView):
    """Gallery, credits or resources: one inline formset each."""

    template_name = "accounts/company_list_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.kind = kwargs["kind"]
        self.formset_class = extra_list_formset(self.kind) if self.kind in EXTRA_LISTS else None
        if self.formset_class is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind=self.kind, title=EXTRA_LISTS[self.kind][1], **kwargs)

    def get(self, request, *args, **kwargs):
        formset = self.formset_class(instance=self.member, prefix=self.kind)
        return self.render_to_response(self.get_context_data(formset=formset))

    def post(self, request, *args, **kwargs):
        formset = self.formset_class(request.POST, request.FILES, instance=self.member, prefix=self.kind)
        if not formset.is_valid():
            messages.error(request, _("Nothing was saved yet: please correct the fields marked below."))
            return self.render_to_response(self.get_context_data(formset=formset), status=400)
        services.company_list_save(member=self.member, formset=formset)
        messages.success(request, _("Saved."))
        return redirect("accounts:company_list", slug=self.member.slug, kind=self.kind)


class CompanyPreviewView(CompanyAccessMixin, TemplateView):
    template_name = "accounts/company_preview.html"


class CompanyHistoryView(CompanyAccessMixin, TemplateView):
    template_name = "accounts/company_history.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(entries=selectors.member_history(self.member), **kwargs)


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
            return redirect("accounts:company_index")
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
