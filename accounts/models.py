"""Users of the portal: staff of member firms and the cluster office.

People log in with their email address; there is no username. The preferred language
decides the language of every email the portal sends them.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Member


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Every email from the portal is written in this language."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class Membership(models.Model):
    """A user's place in a member firm. A user may belong to several firms."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Member admin")
        EDITOR = "editor", _("Member editor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), related_name="memberships", on_delete=models.CASCADE
    )
    member = models.ForeignKey(
        "members.Member", verbose_name=_("member"), related_name="memberships", on_delete=models.CASCADE
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "member"], name="unique_user_member")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.member} ({self.get_role_display()})"


class Invitation(models.Model):
    """An offer to join a member firm's account, sent by email as a signed link.

    The link carries ``(id, key)`` signed with the project key (``accounts.tokens``), so
    a changed character is caught before any lookup. It works once (``status`` becomes
    accepted) and for ``INVITATION_VALID_DAYS`` after it was (re)sent; resending draws a
    new ``key``, which retires the old link. "Expired" is not stored: it is a pending
    invitation whose ``expires_at`` has passed (see ``state``).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")  # never stored; the value of ``state`` after expiry

    email = models.EmailField(_("email address"))
    member = models.ForeignKey(
        "members.Member", verbose_name=_("member"), related_name="invitations", on_delete=models.CASCADE
    )
    role = models.CharField(_("role"), max_length=16, choices=Membership.Role.choices, default=Membership.Role.EDITOR)
    language = models.CharField(
        _("language of the email"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        related_name="invitations_sent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    key = models.CharField(_("key"), max_length=64, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    sent_at = models.DateTimeField(_("sent"))
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        related_name="invitations_accepted",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["member", "status"]), models.Index(fields=["email"])]
        constraints = [
            # Two people inviting the same address to the same firm at the same moment make
            # one invitation. "Expired" is a pending row whose date has passed, so it counts
            # too: inviting that address again re-issues it (``invitation_create``).
            models.UniqueConstraint(
                Lower("email"),
                "member",
                condition=Q(status="pending"),
                name="one_pending_invitation_per_email_and_member",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.member}"

    @property
    def state(self) -> str:

        if self.status == self.Status.PENDING and self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.status

    def get_state_display(self) -> str:
        return str(self.Status(self.state).label)


class MembershipApplication(models.Model):
    """A firm's request to join the cluster, sent from the public "Join the cluster" form.

    The coordinator approves it (which creates a hidden member and invites the contact
    person as its admin) or rejects it with a reason; either way the applicant is emailed.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    # The firm
    company_name = models.CharField(_("company name"), max_length=200)
    kind = models.CharField(
        _("kind of organisation"), max_length=16, choices=Member.Kind.choices, default=Member.Kind.COMPANY
    )
    city = models.CharField(_("city"), max_length=100)
    address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    website = models.URLField(_("website"), blank=True)
    tax_id = models.CharField(_("tax identification number (NIP)"), max_length=20, blank=True)
    year_founded = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    description = models.TextField(_("what the company does"), max_length=3000)
    services = models.ManyToManyField(
        "members.ServiceCategory", verbose_name=_("services offered"), related_name="applications", blank=True
    )
    # The contact person
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    # The cluster's requirements, as the applicant declared them
    operates_two_years = models.BooleanField(_("operating in the region for at least two years"), default=False)
    has_portfolio = models.BooleanField(_("has a portfolio"), default=False)
    has_website = models.BooleanField(_("has a website"), default=False)
    has_price_list = models.BooleanField(_("has a price list"), default=False)
    has_insurance = models.BooleanField(_("has liability insurance"), default=False)
    signed_declaration = models.BooleanField(_("will sign the membership declaration"), default=False)
    # The review
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        related_name="applications_reviewed",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    member = models.OneToOneField(
        "members.Member",
        verbose_name=_("member created"),
        related_name="application",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    publish_when_complete = models.BooleanField(
        _("publish when the profile is complete"),
        default=False,
        help_text=_("The member created from this application is shown publicly once its profile is complete."),
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-created_at"]
        constraints = [
            # The same form sent twice (a double click, a reload) is one application.
            models.UniqueConstraint(
                Lower("contact_email"),
                Lower("company_name"),
                condition=Q(status="pending"),
                name="one_pending_application_per_contact_and_firm",
            )
        ]

    def __str__(self) -> str:
        return f"{self.company_name} ({self.get_status_display()})"

    REQUIREMENT_FIELDS = (
        "operates_two_years",
        "has_portfolio",
        "has_website",
        "has_price_list",
        "has_insurance",
        "signed_declaration",
    )
