"""Forms of the accounts area: invitations, the application to join, settings, privacy."""

from __future__ import annotations

import re

from allauth.account.adapter import get_adapter
from allauth.mfa.utils import is_mfa_enabled
from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin
from members.company_forms import clean_founding_year, url_as_https
from members.models import Member, ServiceCategory

from .models import Invitation, Membership, MembershipApplication, User

MAX_EMAILS_PER_INVITE = 20
# The longest address an invitation (and a user) can store.
MAX_EMAIL_LENGTH = Invitation._meta.get_field("email").max_length


class EmailListField(forms.CharField):
    """Several addresses separated by commas, semicolons, spaces or new lines."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [part.lower() for part in re.split(r"[\s,;]+", text) if part]

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        bad = []
        for address in value:
            try:
                # validate_email alone lets through addresses longer than the column holds.
                if len(address) > MAX_EMAIL_LENGTH:
                    raise ValidationError("too long")
                validate_email(address)
            except ValidationError:
                bad.append(address)
        if bad:
            raise ValidationError(
                _("These are not email addresses: %(addresses)s"),
                code="invalid",
                params={"addresses": ", ".join(bad)},
            )
        if len(value) > MAX_EMAILS_PER_INVITE:
            raise ValidationError(
                _("Please invite at most %(limit)s people at once."),
                code="too_many",
                params={"limit": MAX_EMAILS_PER_INVITE},
            )

    def clean(self, value):
        return list(dict.fromkeys(super().clean(value)))  # drop repeats, keep order


class InvitationAcceptForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password (again)"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            try:
                get_adapter().clean_password(password1, user=User(email=self.email, name=cleaned.get("name", "")))
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class TeamInviteForm(forms.Form):
    emails = EmailListField(label=_("Email addresses"), help_text=_("One or more, separated by commas or new lines."))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.EDITOR)


class AdminInviteForm(TeamInviteForm):
    member = forms.ModelChoiceField(label=_("Member"), queryset=Member.objects.order_by("name"))
    language = forms.ChoiceField(
        label=_("Language of the email"),
        choices=User._meta.get_field("preferred_language").choices,
        help_text=_("People who already have an account get the email in their own language."),
    )
    field_order = ["member", "emails", "role", "language"]


class RejectApplicationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Sent to the applicant in the email."),
    )


class MembershipApplicationForm(HoneypotMixin, forms.ModelForm):
    services = forms.ModelMultipleChoiceField(
        label=_("Services you offer"),
        queryset=ServiceCategory.objects.filter(parent__isnull=False).select_related("parent"),
        widget=forms.CheckboxSelectMultiple,
        required=True,
    )

    class Meta:
        model = MembershipApplication
        formfield_callback = url_as_https
        fields = [
            "company_name",
            "kind",
            "city",
            "address",
            "postal_code",
            "website",
            "tax_id",
            "year_founded",
            "description",
            "services",
            "contact_name",
            "contact_email",
            "contact_phone",
            *MembershipApplication.REQUIREMENT_FIELDS,
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The checklist: an application is complete when the firm meets every requirement.
        for name in MembershipApplication.REQUIREMENT_FIELDS:
            self.fields[name].required = True
        # Service categories are grouped by their top-level area in the label.
        self.fields["services"].label_from_instance = lambda category: str(category)

    def clean_year_founded(self):
        return clean_founding_year(self.cleaned_data.get("year_founded"))

    @property
    def requirement_fields(self):
        return [self[name] for name in MembershipApplication.REQUIREMENT_FIELDS]

    @property
    def company_fields(self):
        names = ["company_name", "kind", "city", "address", "postal_code", "website", "tax_id", "year_founded"]
        return [self[name] for name in names]

    @property
    def contact_fields(self):
        return [self[name] for name in ("contact_name", "contact_email", "contact_phone")]


class AccountSettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "preferred_language"]


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To make sure it is you."),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("The password is not correct."), code="wrong_password")
        return password


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's own login form, held to the rules of the portal's login page.

    Django's admin login would otherwise skip what allauth enforces on /accounts/login/:
    the limit on failed attempts (it counts against the same address here) and the
    second factor. Accounts with two-factor authentication are sent to the portal's
    login page, which asks for the code; the admin login never lets them in on a
    password alone.
    """

    def clean(self):
        email, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if email is not None and password:
            self.user_cache = get_adapter(self.request).authenticate(self.request, email=email, password=password)
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if is_mfa_enabled(user):
            raise ValidationError(
                _("This account uses two-factor authentication. Please log in at %(url)s, which asks for your code."),
                code="mfa_required",
                params={"url": f"{reverse('account_login')}?next={reverse('admin:index')}"},
            )
