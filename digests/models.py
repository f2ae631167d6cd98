"""Digest preferences per user and the delivery log that makes sending exactly-once.

A ``DigestDelivery`` row exists for every (user, frequency, period) before anything is
sent; its unique constraint is what stops a second beat run, a redelivered task or a
restarted worker from mailing the same digest twice.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    OFF = "off", _("Off – no digest")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")


class SectionKey(models.TextChoices):
    LEADS = "leads", _("Production leads")
    NEWS = "news", _("News")
    EVENTS = "events", _("Upcoming events")
    CALLS = "calls", _("Funding calls and tenders")
    MEMBERS = "members", _("New members")
    COOPERATION = "cooperation", _("Cooperation requests for your firm's services")


def all_sections() -> list[str]:
    return list(SectionKey.values)


class DigestPreference(models.Model):
    """How often a user wants the digest and what it should hold.

    A user without a row gets the default: weekly, every section. The language is the
    user's ``preferred_language`` (one setting for every email of the portal).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        related_name="digest_preference",
        on_delete=models.CASCADE,
    )
    frequency = models.CharField(_("frequency"), max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY)
    sections = ArrayField(
        models.CharField(max_length=16, choices=SectionKey.choices),
        verbose_name=_("sections"),
        default=all_sections,
        blank=True,
        help_text=_("What the digest should hold."),
    )
    # Signed into every unsubscribe link; raised when the user subscribes again, so a
    # link from an earlier digest stops working once they came back.
    subscription_version = models.PositiveIntegerField(_("subscription version"), default=0, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("digest preference")
        verbose_name_plural = _("digest preferences")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_frequency_display()}"


class DigestDelivery(models.Model):
    """One digest for one user and one period, created before it is sent."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped – nothing new")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), related_name="digest_deliveries", on_delete=models.CASCADE
    )
    frequency = models.CharField(_("frequency"), max_length=8, choices=Frequency.choices)
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"), help_text=_("The first day after the period."))
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # A batch that claims the row holds it until then; a worker that died leaves a
    # lease that expires, after which the sweep queues the row again.
    locked_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    # The task (Celery task id) holding the lease: its redelivery or retry re-claims the
    # row at once instead of waiting for the lease to run out.
    claimed_by = models.CharField(_("claimed by"), max_length=64, blank=True)
    # Generated and committed before the message goes to the SMTP server; the server's
    # acceptance is recorded under it (services.record_accepted), so a row found in
    # "sending" tells whether its message already went out.
    message_id = models.CharField(_("Message-ID"), max_length=250, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    subject = models.CharField(_("subject"), max_length=250, blank=True)
    summary = models.JSONField(_("contents"), default=dict, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last touched"), auto_now=True)

    class Meta:
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        ordering = ["-period_start", "user_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "frequency", "period_start"], name="unique_digest_per_period")
        ]
        indexes = [
            models.Index(fields=["state", "updated_at"]),
            models.Index(fields=["frequency", "period_start", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_frequency_display()} {self.period_start:%Y-%m-%d}"
