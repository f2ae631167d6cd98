"""The "My company" area: a firm's users keep its public profile current.

Access, in one place (``CompanyAccessMixin``): anonymous users go to the login page; a
user who does not belong to the firm gets 404 (the URL reveals nothing); a user of a
firm that is not active (suspended, former) gets 403 at once, as for every members-only
page; coordinators (staff) may open every firm. Views with ``admin_only`` (the team,
in ``accounts.team_views``) also turn away member editors with 403.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from accounts import selectors as account_selectors
from accounts.models import Membership

from . import selectors, services
from .company_forms import EXTRA_LISTS, CompanyProfileForm, ServiceFormSet, extra_list_formset
from .models import Member


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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            member=self.member,
            membership=self.membership,
            can_manage_team=self.can_manage_team,
            extra_lists=[(kind, title) for kind, (_model, title) in EXTRA_LISTS.items()],
            public_url=self.member.get_absolute_url(),
            missing=services.member_profile_missing(self.member),
        )
        return context


class CompanyIndexView(LoginRequiredMixin, TemplateView):
    """The user's firms; with exactly one, straight to its editor."""

    template_name = "members/company_index.html"

    def get(self, request, *args, **kwargs):
        memberships = list(account_selectors.user_firms(request.user))
        if len(memberships) == 1 and memberships[0].member.status == Member.Status.ACTIVE:
            return redirect("members:company_edit", slug=memberships[0].member.slug)
        return self.render_to_response(self.get_context_data(memberships=memberships))


class CompanyEditView(CompanyAccessMixin, TemplateView):
    template_name = "members/company_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            map_tiles_url=settings.LOCATIONS_MAP_TILES_URL,
            map_tiles_attribution=settings.LOCATIONS_MAP_ATTRIBUTION,
            **kwargs,
        )

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
        return redirect("members:company_edit", slug=self.member.slug)


class CompanyListEditView(CompanyAccessMixin, TemplateView):
    """Gallery, credits or resources: one inline formset each."""

    template_name = "members/company_list_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.kind = kwargs["kind"]
        if self.kind not in EXTRA_LISTS:
            raise Http404
        self.formset_class = extra_list_formset(self.kind)
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
        return redirect("members:company_list", slug=self.member.slug, kind=self.kind)


class CompanyPreviewView(CompanyAccessMixin, TemplateView):
    template_name = "members/company_preview.html"


class CompanyHistoryView(CompanyAccessMixin, TemplateView):
    template_name = "members/company_history.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(entries=selectors.member_history(self.member), **kwargs)
