"""Cooperation between member firms: the requests board (needs and offers, "we can help"
answers, question threads, follows, reports), the firms' marks on funding calls and
tenders with their deadline reminders, and firms teaming up on a production lead.

Everything here is for members only. Rows that a person wrote point to the firm they
wrote for and, nullable, to the person, so erasing an account keeps the firm's posts
(``accounts.privacy``) without the name.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Moderated(models.Model):
    """A post or reply the coordinator can hide, with the reason the author is told."""

    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True, max_length=1000)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


def open_q(today=None) -> Q:
    """A request still open for answers: not matched or closed, and the date by which
    answers were wanted not passed."""
    today = today or timezone.localdate()
    return Q(status="open") & (Q(respond_by__isnull=True) | Q(respond_by__gte=today))


class RequestKind(models.TextChoices):
    PARTNER = "partner", _("Looking for a partner")
    SUBCONTRACTOR = "subcontractor", _("Looking for a subcontractor")
    EQUIPMENT = "equipment", _("Looking for equipment")
    CREW = "crew", _("Looking for crew")
    SPACE = "space", _("Looking for space")
    CAPACITY = "capacity", _("Offering spare capacity")


class CooperationRequest(Moderated):
    """A need or an offer a member firm posts for the other members."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MATCHED = "matched", _("Matched")
        CLOSED = "closed", _("Closed")

    Kind = RequestKind

    kind = models.CharField(_("kind"), max_length=16, choices=RequestKind.choices, default=RequestKind.PARTNER)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("firm"),
        related_name="cooperation_requests",
        on_delete=models.CASCADE,
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        null=True,
        blank=True,
        related_name="cooperation_requests",
        on_delete=models.SET_NULL,
    )
    language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=5000)
    services = models.ManyToManyField(
        "members.ServiceCategory", verbose_name=_("services"), related_name="cooperation_requests", blank=True
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    respond_by = models.DateField(_("answers wanted by"), null=True, blank=True)
    call = models.ForeignKey(
        "news.Post",
        verbose_name=_("funding call or tender"),
        null=True,
        blank=True,
        related_name="cooperation_requests",
        limit_choices_to={"category__in": ["funding-call", "tender"]},
        on_delete=models.SET_NULL,
    )
    lead = models.ForeignKey(
        "productions.ProductionLead",
        verbose_name=_("production lead"),
        null=True,
        blank=True,
        related_name="cooperation_requests",
        on_delete=models.SET_NULL,
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    matched_members = models.ManyToManyField(
        "members.Member", verbose_name=_("matched with"), related_name="+", blank=True
    )
    closed_at = models.DateTimeField(_("matched or closed"), null=True, blank=True)
    # Set by the one task run that sends the instant alerts, so a redelivered task sends none.
    alerted_at = models.DateTimeField(_("alerts sent"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("posted"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("cooperation request")
        verbose_name_plural = _("cooperation requests")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="cooperation_request_dates_in_order",
            )
        ]
        permissions = [("moderate_cooperation", _("Can hide and restore posts and replies of the cooperation area"))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def is_past_deadline(self, today=None) -> bool:
        return self.respond_by is not None and self.respond_by < (today or timezone.localdate())


class RequestAnswer(Moderated):
    """A firm's "we can help", with a short note; one per (request, firm). Only the
    requesting firm, the answering firm and the coordinator read the note."""

    request = models.ForeignKey(
        CooperationRequest, verbose_name=_("request"), related_name="answers", on_delete=models.CASCADE
    )
    member = models.ForeignKey(
        "members.Member", verbose_name=_("firm"), related_name="cooperation_answers", on_delete=models.CASCADE
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        related_name="cooperation_answers",
        on_delete=models.SET_NULL,
    )
    note = models.TextField(_("note"), max_length=1000)
    created_at = models.DateTimeField(_("answered"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["request", "member"], name="one_answer_per_firm_and_request")]

    def __str__(self) -> str:
        return f"{self.member} → {self.request}"


class RequestMessage(Moderated):
    """A question about a request (``parent`` empty) or a reply in its thread; every
    member reads them. Threads are one level deep: a reply to a reply joins the thread
    of the question."""

    request = models.ForeignKey(
        CooperationRequest, verbose_name=_("request"), related_name="messages", on_delete=models.CASCADE
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("question"),
        null=True,
        blank=True,
        related_name="replies",
        on_delete=models.CASCADE,
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("firm"),
        null=True,
        blank=True,
        related_name="cooperation_messages",
        on_delete=models.SET_NULL,
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        related_name="cooperation_messages",
        on_delete=models.SET_NULL,
    )
    from_office = models.BooleanField(_("written by the cluster office"), default=False)
    body = models.TextField(_("text"), max_length=2000)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("question or reply")
        verbose_name_plural = _("questions and replies")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["request", "created_at"])]

    def __str__(self) -> str:
        return f"{self.request} · {self.created_at:%Y-%m-%d %H:%M}"


class RequestFollow(models.Model):
    """A member user who wants to hear of new questions, replies and the outcome."""

    request = models.ForeignKey(
        CooperationRequest, verbose_name=_("request"), related_name="follows", on_delete=models.CASCADE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        related_name="cooperation_follows",
        on_delete=models.CASCADE,
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [models.UniqueConstraint(fields=["request", "user"], name="one_follow_per_user_and_request")]

    def __str__(self) -> str:
        return f"{self.user} follows {self.request}"


class RequestReport(models.Model):
    """A member tells the cluster office that a request breaks the rules."""

    request = models.ForeignKey(
        CooperationRequest, verbose_name=_("request"), related_name="reports", on_delete=models.CASCADE
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        related_name="cooperation_reports",
        on_delete=models.SET_NULL,
    )
    reason = models.TextField(_("what is wrong"), max_length=1000)
    resolved = models.BooleanField(_("dealt with"), default=False)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["resolved", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "reported_by"],
                condition=Q(resolved=False),
                name="one_open_report_per_user_and_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} ({self.created_at:%Y-%m-%d})"


class CooperationPreference(models.Model):
    """Which cooperation emails a user wants. A user without a row has the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        related_name="cooperation_preference",
        on_delete=models.CASCADE,
    )
    instant_request_alerts = models.BooleanField(
        _("new requests at once"),
        default=False,
        help_text=_("Email me as soon as a member posts a request that needs my firm's services."),
    )
    reply_notifications = models.BooleanField(
        _("answers and replies"),
        default=True,
        help_text=_("Email me when a firm answers my request and when someone writes in a thread I take part in."),
    )
    call_reminders = models.BooleanField(
        _("deadline reminders"),
        default=True,
        help_text=_("Email me 14 and 3 days before the deadline of a call or tender my firm applies for."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("cooperation email preference")
        verbose_name_plural = _("cooperation email preferences")

    def __str__(self) -> str:
        return str(self.user)


# --- Calls and tenders, per firm -----------------------------------------------------


class CallParticipation(models.Model):
    """Where a firm stands on a funding call or tender (``news.Post`` of a call category)."""

    class Status(models.TextChoices):
        INTERESTED = "interested", _("Interested")
        APPLYING = "applying", _("Applying")
        SUBMITTED = "submitted", _("Submitted")
        WON = "won", _("Won")
        LOST = "lost", _("Lost")

    # Firms still working on an application: they get the deadline reminders.
    PREPARING = (Status.INTERESTED, Status.APPLYING)
    # Order in which a firm moves on; a match on a request never moves a firm back.
    ORDER = [Status.INTERESTED, Status.APPLYING, Status.SUBMITTED, Status.WON, Status.LOST]

    call = models.ForeignKey(
        "news.Post",
        verbose_name=_("funding call or tender"),
        related_name="participations",
        limit_choices_to={"category__in": ["funding-call", "tender"]},
        on_delete=models.CASCADE,
    )
    member = models.ForeignKey(
        "members.Member", verbose_name=_("firm"), related_name="call_participations", on_delete=models.CASCADE
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.INTERESTED)
    seeks_partners = models.BooleanField(
        _("looking for partners"),
        default=False,
        help_text=_("Other members see on the call's page that the firm looks for partners."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("first marked"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("firm on a call")
        verbose_name_plural = _("firms on calls and tenders")
        ordering = ["call", "member__name"]
        constraints = [models.UniqueConstraint(fields=["call", "member"], name="one_participation_per_firm_and_call")]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.member} · {self.call} · {self.get_status_display()}"

    @property
    def is_preparing(self) -> bool:
        return self.status in self.PREPARING


class CallReminder(models.Model):
    """One deadline reminder to one firm's users, for the deadline it announced.

    The unique constraint is the exactly-once guarantee: whoever inserts the row sends
    the emails, a second beat run finds it there. The deadline is part of the key, so a
    call whose deadline moves after a reminder went out is announced again when the
    reminder of the new date falls due (the email says the date changed); the same
    deadline is never announced twice.
    """

    class Kind(models.TextChoices):
        TWO_WEEKS = "14d", _("14 days before")
        THREE_DAYS = "3d", _("3 days before")

    call = models.ForeignKey(
        "news.Post", verbose_name=_("funding call or tender"), related_name="+", on_delete=models.CASCADE
    )
    member = models.ForeignKey("members.Member", verbose_name=_("firm"), related_name="+", on_delete=models.CASCADE)
    kind = models.CharField(_("reminder"), max_length=4, choices=Kind.choices)
    deadline = models.DateTimeField(_("deadline announced"))
    recipients = models.PositiveSmallIntegerField(_("users emailed"), default=0)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "member", "kind", "deadline"], name="one_reminder_per_firm_call_kind_and_deadline"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.call} · {self.get_kind_display()}"


# --- Teaming up on a production lead ---------------------------------------------------


class LeadTeamOptIn(models.Model):
    """A firm interested in a lead agrees to be shown to the other interested firms
    that agreed too, and to be offered to the producer with them as one team."""

    lead = models.ForeignKey(
        "productions.ProductionLead",
        verbose_name=_("production lead"),
        related_name="team_opt_ins",
        on_delete=models.CASCADE,
    )
    member = models.ForeignKey(
        "members.Member", verbose_name=_("firm"), related_name="lead_team_opt_ins", on_delete=models.CASCADE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agreed by"),
        null=True,
        blank=True,
        related_name="lead_team_opt_ins",
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("firm in a lead team")
        verbose_name_plural = _("lead teams")
        ordering = ["lead", "member__name"]
        constraints = [models.UniqueConstraint(fields=["lead", "member"], name="one_team_opt_in_per_firm_and_lead")]

    def __str__(self) -> str:
        return f"{self.member} · {self.lead}"
