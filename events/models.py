"""The cluster's calendar: events, the people registered for them, materials, and the
secret tokens of members' private calendar feeds.

A seat is taken by a *confirmed* registration only. A guest's registration is *pending*
until the guest follows the emailed link, so an unverified address never holds a seat;
attendance is recorded separately (``attended_at``) so that it does not change the
seat count.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.images import check_upload_size, validate_image_upload
from core.storage import private_media


class EventQuerySet(models.QuerySet):
    def public(self):
        return self.filter(visibility=Event.Visibility.PUBLIC)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())


class Event(models.Model):
    class Kind(models.TextChoices):
        TRAINING = "training", _("Training")
        SEMINAR = "seminar", _("Seminar")
        WORKSHOP = "workshop", _("Workshop")
        CONSULTATION = "consultation", _("Consultation")
        MEETING = "meeting", _("Meeting")
        LECTURE = "lecture", _("Lecture")
        FORUM = "forum", _("Forum")
        SCREENING = "screening", _("Screening")
        OTHER = "other", _("Other")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members only")

    CERTIFICATE_KINDS = (Kind.TRAINING, Kind.WORKSHOP)

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.TRAINING)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(
        _("venue"), max_length=200, blank=True, help_text=_("Shown to everyone, e.g. the building and the city.")
    )
    address = models.CharField(
        _("address"), max_length=300, blank=True, help_text=_("Street address; shown to registered people only.")
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Video call or stream; shown to registered people only.")
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True, help_text=_("Empty for no limit."))
    registration_opens_at = models.DateTimeField(
        _("registration opens at"), null=True, blank=True, help_text=_("Empty: open as soon as the event is shown.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes at"), null=True, blank=True, help_text=_("Empty: open until the event starts.")
    )
    registration_enabled = models.BooleanField(_("registration on the portal"), default=True)
    visibility = models.CharField(_("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    image = models.ImageField(_("image"), upload_to="events/", blank=True, validators=[validate_image_upload])
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Kept by core.search.indexing after every save (see events/search.py).
    search_document = models.TextField(_("search document"), blank=True, default="", editable=False)
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["starts_at"]),
            models.Index(fields=["ends_at"]),
            GinIndex(fields=["search_vector"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    # Paths under /events/ that a slug would shadow.
    RESERVED_SLUGS = frozenset({"calendar", "feed", "my-calendar", "confirm", "cancel"})

    def clean(self):
        if self.slug in self.RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is used by the portal; please choose another.")})
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The event cannot end before it starts.")})
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at < self.registration_opens_at
        ):
            raise ValidationError({"registration_closes_at": _("Registration cannot close before it opens.")})

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC

    @property
    def is_multi_day(self) -> bool:
        return timezone.localdate(self.starts_at) != timezone.localdate(self.ends_at)

    @property
    def issues_certificates(self) -> bool:
        return self.kind in self.CERTIFICATE_KINDS

    @property
    def seats_left(self) -> int | None:
        """Free seats (None: no limit); uses the ``taken_seats`` annotation when present."""
        if self.capacity is None:
            return None
        taken = getattr(self, "taken_seats", None)
        if taken is None:
            taken = self.registrations.filter(status=Registration.Status.CONFIRMED).count()
        return max(self.capacity - taken, 0)

    def is_past(self, now=None) -> bool:
        return self.ends_at < (now or timezone.now())

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if not self.registration_enabled:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        closes = self.registration_closes_at or self.starts_at
        return now < closes


class Registration(models.Model):
    """One person's place at an event: a user, or a guest known by name and email.

    Name and email are copied here even for users, so the list of attendees stays as it
    was on the day; the accounts area anonymises them when a person deletes their data.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for email confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired (not confirmed)")

    ACTIVE_STATUSES = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED)

    event = models.ForeignKey(Event, verbose_name=_("event"), related_name="registrations", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        related_name="event_registrations",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="pl")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # The waiting list's order: when the person took a place on it, which for a guest is
    # when they confirmed their address (not when they filled in the form).
    waitlisted_at = models.DateTimeField(_("joined the waiting list at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    attended_at = models.DateTimeField(_("attendance recorded at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=["pending", "confirmed", "waitlisted"]),
                name="one_active_registration_per_email",
            )
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    @property
    def holds_seat(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def attended(self) -> bool:
        return self.attended_at is not None


# Slides, handouts and spreadsheets; recordings are links. Nothing a browser would run.
MATERIAL_EXTENSIONS = [
    "pdf", "ppt", "pptx", "key", "odp", "doc", "docx", "odt", "rtf", "txt",
    "xls", "xlsx", "ods", "csv", "zip", "jpg", "jpeg", "png", "webp",
]  # fmt: skip
MATERIAL_MAX_BYTES = 50 * 1024 * 1024


def validate_material_size(upload) -> None:
    check_upload_size(upload, MATERIAL_MAX_BYTES)


def material_upload_to(instance, filename: str) -> str:
    # A random folder: the file name alone must not let anyone guess the address.
    return f"events/materials/{secrets.token_urlsafe(12)}/{filename}"


class Material(models.Model):
    """Slides, handouts or a link to a recording; shown to registered people only."""

    event = models.ForeignKey(Event, verbose_name=_("event"), related_name="materials", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=material_upload_to,
        storage=private_media,
        blank=True,
        validators=[FileExtensionValidator(MATERIAL_EXTENSIONS), validate_material_size],
    )
    url = models.URLField(_("link"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if bool(self.file) == bool(self.url):
            raise ValidationError(_("Attach a file or give a link (one of the two)."))


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """The secret in a member's private calendar feed URL; resetting it kills the old URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), related_name="calendar_feed", on_delete=models.CASCADE
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("created at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self) -> str:
        return str(self.user)
