"""What the portal's shared machinery stores: the search vocabulary, the branding and the
outbox of emails."""

from django.contrib.postgres.fields import ArrayField
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .images import validate_image_upload


class SearchTerm(models.Model):
    """A folded word form and the search keys it stands for (core.search.vocabulary).

    Every word of an indexed document is here with its keys, and so is every other
    inflected form of its Polish lemmas, so "zdjeciach" typed without diacritics finds
    the key "zdjecie". ``frequency`` counts the documents that contain the form itself
    (0 for a form only generated from a lemma); typo corrections prefer frequent words.
    """

    term = models.CharField(_("word"), max_length=60, primary_key=True)
    keys = ArrayField(models.CharField(max_length=60), verbose_name=_("search keys"), default=list)
    frequency = models.PositiveIntegerField(_("documents"), default=0)
    # The kinds of document (model labels, "news.post") the word itself occurs in.
    kinds = ArrayField(models.CharField(max_length=60), verbose_name=_("kinds of document"), default=list)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        indexes = [
            # Typo corrections read only the words that occur in documents.
            models.Index(fields=["term"], name="core_searchterm_in_documents", condition=models.Q(frequency__gt=0)),
        ]

    def __str__(self) -> str:
        return self.term


hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # and six hexadecimal digits, e.g. #7a1f2b."))


class Branding(models.Model):
    """The cluster's own face, edited by the coordinator: one row (pk 1).

    Empty fields fall back: the name to ``CLUSTER_NAME``/``CLUSTER_NAME_EN``, the colours
    to those of static/core/portal.css, the logo to the portal's sign; empty texts are not
    shown. Saving it makes every cached public page stale (``core.branding``).
    """

    name_pl = models.CharField(_("name (Polish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    about_pl = models.CharField(
        _("founding facts (Polish)"),
        max_length=300,
        blank=True,
        help_text=_("One sentence under the name in the footer, e.g. when the cluster was founded and by whom."),
    )
    about_en = models.CharField(_("founding facts (English)"), max_length=300, blank=True)
    description_pl = models.TextField(_("description (Polish)"), max_length=600, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=600, blank=True)
    address = models.TextField(_("address of the cluster office"), max_length=300, blank=True)
    primary_colour = models.CharField(
        _("main colour"), max_length=7, blank=True, validators=[hex_colour], help_text=_("e.g. #7a1f2b")
    )
    primary_contrast_colour = models.CharField(
        _("text colour on the main colour"),
        max_length=7,
        blank=True,
        validators=[hex_colour],
        help_text=_("Must be readable on the main colour, e.g. #ffffff."),
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, blank=True, validators=[hex_colour], help_text=_("e.g. #c9a227")
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="branding/",
        blank=True,
        validators=[validate_image_upload],
        help_text=_("Shown in the header, 36 pixels high; a square picture works best."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("branding")
        verbose_name_plural = _("branding")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="core_branding_single_row")]

    def __str__(self) -> str:
        return str(_("Branding of the portal"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)


class OutboundEmail(models.Model):
    """One transactional email, stored before it is sent (``core.emails.queue_email``).

    The row is the audit trail and the retry button: a worker delivers it by its id
    (``core.outbox.deliver``), a row already sent is never sent again by a redelivered
    task, and a failed one keeps the last error until the coordinator resends it. The
    rendered message (subject, text, HTML, attachments) is kept as it was when the person
    acted; old rows are deleted after ``OUTBOX_RETENTION_DAYS``.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=200, help_text=_("The email's template."))
    recipients = models.CharField(_("recipients"), max_length=1000)
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    message = models.JSONField(_("message"))
    # What makes a repeat the same email (a double click): no second row with the same key
    # is written within the window (core.emails.queue_email).
    dedupe_key = models.CharField(_("repeat key"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    queued_at = models.DateTimeField(_("last queued"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbound email")
        verbose_name_plural = _("outbound emails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "created_at"], name="core_outbox_state_created"),
            models.Index(
                fields=["dedupe_key", "created_at"], name="core_outbox_dedupe", condition=~models.Q(dedupe_key="")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipients}"
