from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from members.models import Member

from . import services
from .forms import AdminInviteForm, AdminLoginForm, RejectApplicationForm
from .models import Invitation, Membership, MembershipApplication, User

# The admin's login obeys the portal's rate limit and never skips a second factor.
admin.site.login_form = AdminLoginForm


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    raw_id_fields = ["member"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "preferred_language", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "preferred_language"]
    search_fields = ["email", "name"]
    readonly_fields = ["last_login", "date_joined"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("name", "preferred_language")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "name", "password1", "password2")}),)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "member", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__name", "member__name"]
    raw_id_fields = ["user", "member"]
    list_select_related = ["user", "member"]


class InvitationStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [(value, label) for value, label in Invitation.Status.choices]

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == Invitation.Status.PENDING:
            return queryset.filter(status=value, expires_at__gt=now)
        if value == Invitation.Status.EXPIRED:
            return queryset.filter(status=Invitation.Status.PENDING, expires_at__lte=now)
        if value:
            return queryset.filter(status=value)
        return queryset


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """The coordinator's view of invitations: pending, accepted, expired, revoked.

    "Add" opens the invite form (one firm, several addresses); the list's actions resend
    (a new link, the old one stops working) or revoke.
    """

    list_display = ["email", "member", "role", "state_label", "invited_by", "sent_at", "expires_at", "accepted_at"]
    list_filter = [InvitationStateFilter, "role"]
    search_fields = ["email", "member__name"]
    list_select_related = ["member", "invited_by"]
    readonly_fields = [
        "email",
        "member",
        "role",
        "language",
        "invited_by",
        "status",
        "sent_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
    ]
    actions = ["resend", "revoke"]
    date_hierarchy = "sent_at"

    @admin.display(description=_("state"))
    def state_label(self, obj):
        return obj.get_state_display()

    def get_urls(self):
        return [
            path("invite/", self.admin_site.admin_view(self.invite_view), name="accounts_invitation_invite"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        url = reverse("admin:accounts_invitation_invite")
        return redirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)

    def has_change_permission(self, request, obj=None):
        return False

    def invite_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        initial = {"language": "pl", "member": request.GET.get("member")}
        form = AdminInviteForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            batch = services.invitations_create(
                member=form.cleaned_data["member"],
                emails=form.cleaned_data["emails"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
                language=form.cleaned_data["language"],
            )
            self.message_user(request, _("Invitations sent: %(count)s.") % {"count": len(batch.sent)}, messages.SUCCESS)
            if batch.already_members:
                self.message_user(
                    request,
                    _("%(count)s of these people already belong to the firm.") % {"count": len(batch.already_members)},
                    messages.WARNING,
                )
            if batch.recently_sent:
                self.message_user(request, services.recently_sent_message(batch.recently_sent), messages.WARNING)
            return redirect("admin:accounts_invitation_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Invite people to a member"),
            "form": form,
            "opts": self.model._meta,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/accounts/invitation/invite.html", context)

    # Both change invitations, so they need the right to invite, not only to look.
    @admin.action(description=_("Resend the selected invitations (new link)"), permissions=["add"])
    def resend(self, request, queryset):
        count, recently_sent = 0, []
        for invitation in queryset:
            try:
                count += services.invitation_resend(invitation=invitation, by=request.user)
            except services.InvitationRecentlySent:
                recently_sent.append(invitation.email)
        self.message_user(request, _("Invitations resent: %(count)s.") % {"count": count}, messages.SUCCESS)
        if recently_sent:
            self.message_user(request, services.recently_sent_message(recently_sent), messages.WARNING)

    @admin.action(description=_("Revoke the selected invitations"), permissions=["add"])
    def revoke(self, request, queryset):
        count = sum(services.invitation_revoke(invitation=i) for i in queryset)
        self.message_user(request, _("Invitations revoked: %(count)s.") % {"count": count}, messages.SUCCESS)


class InvitationListInline(admin.TabularInline):
    """On the member's admin page: the invitations sent to its people, and their state."""

    model = Invitation
    fk_name = "member"
    extra = 0
    can_delete = False
    verbose_name_plural = _("invitations sent")
    fields = ["email", "role", "state_label", "invited_by", "sent_at", "expires_at"]
    readonly_fields = fields

    @admin.display(description=_("state"))
    def state_label(self, obj):
        return obj.get_state_display()

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("invited_by")


class InvitationSendFormSet(forms.BaseInlineFormSet):
    request = None

    def save_new(self, form, commit=True):
        try:
            invitation = services.invitation_create(
                member=self.instance,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                language=form.cleaned_data["language"],
                invited_by=self.request.user if self.request else None,
            )
        except services.InvitationRecentlySent as held_back:
            if self.request:
                messages.warning(
                    self.request, services.recently_sent_message([held_back.invitation.email]), fail_silently=True
                )
            return held_back.invitation
        return invitation or form.instance


class InvitationSendInline(admin.TabularInline):
    """On the member's admin page: a row per address to invite; saving sends the emails."""

    model = Invitation
    fk_name = "member"
    formset = InvitationSendFormSet
    extra = 1
    can_delete = False
    verbose_name = _("invitation to send")
    verbose_name_plural = _("invite people (the email goes out when you save)")
    fields = ["email", "role", "language"]

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request = request
        return formset


@admin.action(description=_("Invite people to the selected member"))
def invite_people_to_member(modeladmin, request, queryset):
    """An action for the Member admin: opens the invite form for the first selected firm."""
    member = queryset.order_by("name").first()
    return redirect(f"{reverse('admin:accounts_invitation_invite')}?member={member.pk}")


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(admin.ModelAdmin):
    list_display = ["company_name", "city", "contact_name", "contact_email", "status", "created_at", "member_link"]
    list_filter = ["status", "kind"]
    search_fields = ["company_name", "contact_name", "contact_email", "city"]
    filter_horizontal = ["services"]
    readonly_fields = ["status", "rejection_reason", "reviewed_by", "reviewed_at", "member", "created_at"]
    date_hierarchy = "created_at"
    list_select_related = ["member"]
    change_form_template = "admin/accounts/membershipapplication/change_form.html"

    @admin.display(description=_("member created"))
    def member_link(self, obj):
        if not obj.member_id:
            return "—"
        url = reverse("admin:members_member_change", args=[obj.member_id]) if self._member_admin() else ""
        return format_html('<a href="{}">{}</a>', url, obj.member) if url else str(obj.member)

    def _member_admin(self) -> bool:
        return self.admin_site.is_registered(Member)

    def get_urls(self):
        return [
            path(
                "<int:pk>/approve/",
                self.admin_site.admin_view(self.approve_view),
                name="accounts_membershipapplication_approve",
            ),
            path(
                "<int:pk>/reject/",
                self.admin_site.admin_view(self.reject_view),
                name="accounts_membershipapplication_reject",
            ),
            *super().get_urls(),
        ]

    def approve_view(self, request, pk):
        application = get_object_or_404(MembershipApplication, pk=pk)
        if not self.has_change_permission(request, application) or request.method != "POST":
            return redirect("admin:accounts_membershipapplication_change", pk)
        try:
            member = services.application_approve(application=application, by=request.user)
        except ValidationError as error:
            self.message_user(request, error.messages[0], messages.ERROR)
        else:
            self.message_user(
                request,
                _("%(name)s is a member now (hidden until its profile is complete); the applicant is invited.")
                % {"name": member.name},
                messages.SUCCESS,
            )
        return redirect("admin:accounts_membershipapplication_change", pk)

    def reject_view(self, request, pk):
        application = get_object_or_404(MembershipApplication, pk=pk)
        if not self.has_change_permission(request, application):
            return redirect("admin:index")
        form = RejectApplicationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.application_reject(
                    application=application, by=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                self.message_user(request, error.messages[0], messages.ERROR)
            else:
                self.message_user(request, _("The application is rejected and the applicant told."), messages.SUCCESS)
            return redirect("admin:accounts_membershipapplication_change", pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject the application of %(name)s") % {"name": application.company_name},
            "form": form,
            "application": application,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/accounts/membershipapplication/reject.html", context)
