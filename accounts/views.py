"""Pages of the accounts area outside "My company": following an invitation, the
application to join, account settings and the privacy pages."""

from __future__ import annotations

from allauth.account.views import LoginView
from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.contrib.auth import login, logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models.deletion import ProtectedError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView, UpdateView

from core import ratelimit
from core.public_forms import PublicForm

from . import privacy, services
from .forms import AccountSettingsForm, DeleteAccountForm, InvitationAcceptForm, MembershipApplicationForm
from .models import MembershipApplication

# Status codes of a link that cannot be used: tampered with, or once valid but no more.
UNUSABLE_STATUS = {"invalid": 400, "expired": 410, "used": 410, "revoked": 410}

JOIN_FORM = PublicForm(
    scope="join",
    fingerprint=lambda data: (data["company_name"], data["contact_email"], data["description"]),
    window=30 * 60,
)


def _locked_out(form) -> bool:
    return any(error.code == "too_many_login_attempts" for error in form.non_field_errors().as_data())


class RateLimitedLoginView(LoginView):
    """allauth's login, except that a lockout after too many failed attempts is a 429
    page saying when to try again instead of the form answered with 200."""

    def form_invalid(self, form):
        if _locked_out(form):
            return ratelimit.too_many_requests(self.request, ratelimit.allauth_window("login_failed"))
        return super().form_invalid(form)


def admin_login(request, **kwargs):
    """The admin's login (accounts.forms.AdminLoginForm), with the same 429 on lockout."""
    response = admin.site.login(request, **kwargs)
    form = (getattr(response, "context_data", None) or {}).get("form")
    if request.method == "POST" and form is not None and _locked_out(form):
        return ratelimit.too_many_requests(request, ratelimit.allauth_window("login_failed"))
    return response


def allauth_rate_limited(request):
    """``handler429`` of the root URLconf: allauth's own refusals (password reset…)."""
    action = "reset_password" if "password/reset" in request.path else "login_failed"
    return ratelimit.too_many_requests(request, ratelimit.allauth_window(action)).render()


@method_decorator(never_cache, name="dispatch")
class InvitationAcceptView(View):
    """Follow an invitation link: set a name and password, land in the firm's editor."""

    template_name = "accounts/invitation_accept.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.invitation = services.invitation_from_token(kwargs["token"])
        except services.InvitationUnusable as problem:
            return self.unusable(problem)
        return super().dispatch(request, *args, **kwargs)

    def unusable(self, problem):
        context = {"reason": problem.reason, "invitation": problem.invitation}
        return render(self.request, "accounts/invitation_invalid.html", context, status=UNUSABLE_STATUS[problem.reason])

    def show(self, form=None, *, status=200):
        owner = services.address_owner(self.invitation.email)
        context = {
            "invitation": self.invitation,
            "form": form,
            "existing_account": owner is not None,
            "address_is_yours": owner is not None and owner == self.request.user,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.show(InvitationAcceptForm(email=self.invitation.email))

    def post(self, request, *args, **kwargs):
        # The address may be an account's login or one of its verified extra addresses.
        owner = services.address_owner(self.invitation.email)
        user = request.user if request.user.is_authenticated else None
        if user is not None and owner != user:
            return self.show(status=403)  # the page explains: log out first
        if user is None and owner is not None:
            return self.show(status=409)  # the page explains: log in first
        form = None
        if user is None:
            form = InvitationAcceptForm(request.POST, email=self.invitation.email)
            if not form.is_valid():
                return self.show(form, status=400)
        try:
            user = services.invitation_accept(
                invitation=self.invitation,
                user=user,
                name=form.cleaned_data["name"] if form else "",
                password=form.cleaned_data["password1"] if form else "",
            )
        except services.InvitationUnusable as problem:  # accepted in another tab meanwhile
            return self.unusable(problem)
        if not request.user.is_authenticated:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Welcome! You can now keep %(member)s's profile up to date.") % {"member": self.invitation.member.name},
        )
        return redirect("members:company_edit", slug=self.invitation.member.slug)


class JoinView(FormView):
    """The public application form; honeypot and a per-IP rate limit keep bots out."""

    template_name = "accounts/join.html"
    form_class = MembershipApplicationForm
    success_url = reverse_lazy("accounts:join_thanks")

    def post(self, request, *args, **kwargs):
        return JOIN_FORM.handle(
            request,
            self.get_form(),
            submit=self.submit,
            succeeded=lambda: redirect(self.success_url),
            invalid=lambda form, status: self.render_to_response(self.get_context_data(form=form), status=status),
        )

    def submit(self, form):
        application = form.save(commit=False)
        application.language = self.request.LANGUAGE_CODE
        services.application_submit(application=application, services=form.cleaned_data["services"])


class JoinThanksView(TemplateView):
    template_name = "accounts/join_thanks.html"


class AccountSettingsView(LoginRequiredMixin, UpdateView):
    """Name and language here; password, addresses and 2FA are allauth's pages, linked."""

    template_name = "accounts/settings.html"
    form_class = AccountSettingsForm
    success_url = reverse_lazy("accounts:settings")

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        services.account_settings_save(
            user=self.request.user,
            name=form.cleaned_data["name"],
            preferred_language=form.cleaned_data["preferred_language"],
        )
        messages.success(self.request, _("Your settings are saved."))
        return redirect(self.success_url)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):

        context = super().get_context_data(**kwargs)
        context["has_totp"] = Authenticator.objects.filter(
            user=self.request.user, type=Authenticator.Type.TOTP
        ).exists()
        return context


class PrivacyCenterView(LoginRequiredMixin, TemplateView):
    """Download my data, delete my account."""

    template_name = "accounts/privacy_center.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("delete_form", DeleteAccountForm(user=self.request.user))
        return super().get_context_data(**kwargs)


@method_decorator(never_cache, name="dispatch")
class DataExportView(LoginRequiredMixin, View):
    def get(self, request):
        body = privacy.user_data_export_json(request.user)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        filename = f"my-data-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class AccountDeleteView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        form = DeleteAccountForm(request.POST, user=request.user)
        if not form.is_valid():
            return render(request, PrivacyCenterView.template_name, {"delete_form": form}, status=400)
        try:
            privacy.user_delete(user=request.user)
        except ProtectedError:
            messages.error(
                request, _("Your account is still needed by some records. Please contact the cluster office.")
            )
            return redirect("accounts:privacy_center")
        logout(request)
        messages.success(request, _("Your account and your personal data are deleted."))
        return redirect(reverse("core:home"))


class PrivacyPolicyView(TemplateView):
    template_name = "accounts/privacy_policy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(application_model=MembershipApplication, **kwargs)
