"""Production leads passed to members, members' responses to them, and production
inquiries from producers outside the cluster."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.images import validate_image_upload
from core.validators import shooting_dates_errors

_DEFERRED = object()  # the status was not loaded, so a save cannot tell if it changed


class Kind(models.TextChoices):
    FEATURE = "feature", _("Feature film")
    SERIES = "series", _("TV series")
    DOCUMENTARY = "documentary", _("Documentary")
    COMMERCIAL = "commercial", _("Commercial")
    ANIMATION = "animation", _("Animation")
    MUSIC_VIDEO = "music_video", _("Music video")
    GAME_CINEMATICS = "game_cinematics", _("Game cinematics")
    OTHER = "other", _("Other")


class BudgetBand(models.TextChoices):
    UNKNOWN = "", _("Not known")
    UNDER_100K = "lt100k", _("Under €100,000")
    TO_1M = "100k-1m", _("€100,000 – €1 million")
    TO_5M = "1m-5m", _("€1 – 5 million")
    OVER_5M = "gt5m", _("Over €5 million")


class ProductionLead(models.Model):
    """A planned production the cluster office heard of and passes on to members.

    A lead is a draft until the coordinator publishes it (``published_at``); members
    see published leads only. ``visibility`` lets a wrapped production appear in the
    public showcase; everything else about a lead stays members-only.
    """

    class Status(models.TextChoices):
        RUMOUR = "rumour", _("Rumour")
        DEVELOPMENT = "development", _("In development")
        CONFIRMED = "confirmed", _("Confirmed")
        PRE_PRODUCTION = "pre_production", _("Pre-production")
        SHOOTING = "shooting", _("Shooting")
        POST_PRODUCTION = "post_production", _("Post-production")
        WRAPPED = "wrapped", _("Wrapped")
        CANCELLED = "cancelled", _("Cancelled")

    # No longer an opportunity: off the members' list by default, never "new" in a digest.
    CLOSED_STATUSES = (Status.WRAPPED, Status.CANCELLED)

    class Visibility(models.TextChoices):
        MEMBERS = "members", _("Members only")
        PUBLIC = "public", _("Public showcase (once wrapped)")

    Kind = Kind
    BudgetBand = BudgetBand

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.FEATURE)
    producer_company = models.CharField(_("producer company"), max_length=200, blank=True)
    producer_country = models.CharField(_("producer country"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RUMOUR)
    shooting_start = models.DateField(_("shooting starts"), null=True, blank=True)
    shooting_end = models.DateField(_("shooting ends"), null=True, blank=True)
    locations = models.CharField(_("locations in the region"), max_length=300, blank=True)
    services_needed = models.ManyToManyField(
        "members.ServiceCategory", verbose_name=_("services needed"), related_name="production_leads", blank=True
    )
    budget_band = models.CharField(_("budget band"), max_length=10, choices=BudgetBand.choices, blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True, help_text=_("Where the information came from."))
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    # Shown only with the public showcase, once the production is wrapped and marked public.
    image = models.ImageField(
        _("still for the showcase"),
        upload_to="productions/",
        blank=True,
        validators=[validate_image_upload],
        help_text=_("A frame or a picture from the set, shown in the public showcase once the production is wrapped."),
    )
    image_alt = models.CharField(_("description of the still"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    inquiry = models.OneToOneField(
        "ProductionInquiry",
        verbose_name=_("from production inquiry"),
        null=True,
        blank=True,
        related_name="lead",
        on_delete=models.SET_NULL,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    shortlist_sent_at = models.DateTimeField(_("shortlist sent"), null=True, blank=True)
    shortlist_sent_to = models.EmailField(_("shortlist sent to"), blank=True)
    shortlist_members = models.ManyToManyField(
        "members.Member", verbose_name=_("firms on the shortlist"), related_name="+", blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    # Kept by core.search.indexing after every save (see productions/search.py).
    search_document = models.TextField(_("search document"), blank=True, default="", editable=False)
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    class Meta:
        verbose_name = _("production lead")
        verbose_name_plural = _("production leads")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["published_at"]),
            models.Index(fields=["updated_at"]),
            GinIndex(fields=["search_vector"]),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Every status the lead reaches is kept with its date, whichever path saved it
        # (admin form, bulk action, service, demo data).
        saved = getattr(self, "_saved_status", None)
        changed = saved is not _DEFERRED and saved != self.status
        super().save(*args, **kwargs)
        if changed:
            LeadStatusChange.objects.create(
                lead=self, status=self.status, changed_by=getattr(self, "_changed_by", None)
            )
            self._saved_status = self.status

    def get_absolute_url(self) -> str:
        return reverse("productions:detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if errors := shooting_dates_errors(self.shooting_start, self.shooting_end):
            raise ValidationError(errors)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_status = instance.__dict__.get("status", _DEFERRED)
        return instance

    def refresh_from_db(self, using=None, fields=None, *args, **kwargs):
        # Reloaded values replace the ones loaded before, so does the status a save
        # compares with (otherwise the next save records the reloaded status again).
        super().refresh_from_db(using, fields, *args, **kwargs)
        if fields is None or "status" in fields:
            self._saved_status = self.__dict__.get("status", _DEFERRED)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_in_showcase(self) -> bool:
        return self.is_published and self.status == self.Status.WRAPPED and self.visibility == self.Visibility.PUBLIC

    @property
    def year(self) -> int | None:
        moment = self.shooting_end or self.shooting_start
        return moment.year if moment else None


class LeadStatusChange(models.Model):
    """The date a lead reached a status: its history, newest last."""

    lead = models.ForeignKey(
        ProductionLead, verbose_name=_("production lead"), related_name="status_changes", on_delete=models.CASCADE
    )
    status = models.CharField(_("status"), max_length=20, choices=ProductionLead.Status.choices)
    reached_at = models.DateTimeField(_("reached"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ["reached_at", "id"]
        indexes = [models.Index(fields=["reached_at"])]

    def __str__(self) -> str:
        return f"{self.get_status_display()} · {self.reached_at:%Y-%m-%d}"


class LeadResponse(models.Model):
    """A firm's answer to a lead: one row per (lead, firm).

    The site's "we are interested" toggle, the one-click answers from the lead alert
    email and the coordinator's later updates (in talks, contracted) all write this
    same row, so the response board shows one current answer per firm.
    """

    class Status(models.TextChoices):
        INTERESTED = "interested", _("Interested")
        IN_TALKS = "in_talks", _("In talks")
        CONTRACTED = "contracted", _("Contracted")
        DECLINED = "declined", _("Declined")
        NOT_AVAILABLE = "not_available", _("Not available")
        NEED_INFO = "need_info", _("Needs more information")

    class Channel(models.TextChoices):
        SITE = "site", _("On the portal")
        EMAIL = "email", _("One-click answer in the alert email")
        OFFICE = "office", _("Recorded by the cluster office")

    # Answers that count as interest (interest count, shortlist).
    POSITIVE = (Status.INTERESTED, Status.IN_TALKS, Status.CONTRACTED)

    lead = models.ForeignKey(
        ProductionLead, verbose_name=_("production lead"), related_name="responses", on_delete=models.CASCADE
    )
    member = models.ForeignKey(
        "members.Member", verbose_name=_("member"), related_name="lead_responses", on_delete=models.CASCADE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        related_name="lead_responses",
        on_delete=models.SET_NULL,
    )
    status = models.CharField(_("answer"), max_length=20, choices=Status.choices, default=Status.INTERESTED)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    channel = models.CharField(_("answered through"), max_length=10, choices=Channel.choices, default=Channel.SITE)
    created_at = models.DateTimeField(_("first answered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("firm's response")
        verbose_name_plural = _("firms' responses")
        ordering = ["-updated_at"]
        constraints = [models.UniqueConstraint(fields=["lead", "member"], name="unique_lead_response_per_firm")]

    def __str__(self) -> str:
        return f"{self.member} · {self.get_status_display()}"

    @property
    def is_positive(self) -> bool:
        return self.status in self.POSITIVE


class LeadAlertPreference(models.Model):
    """Whether a member user gets an email the moment a matching lead is published.

    A user without a row gets the alerts (the default is on)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        related_name="lead_alert_preference",
        on_delete=models.CASCADE,
    )
    instant_lead_alerts = models.BooleanField(
        _("instant lead alerts"),
        default=True,
        help_text=_("Email me at once when a lead needing my firm's services is published."),
    )

    class Meta:
        verbose_name = _("lead alert preference")
        verbose_name_plural = _("lead alert preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.instant_lead_alerts}"


class ProductionInquiry(models.Model):
    """A producer from outside asks the whole cluster for help with a production."""

    producer_name = models.CharField(_("your name"), max_length=200)
    company = models.CharField(_("company"), max_length=200)
    country = models.CharField(_("country"), max_length=100)
    email = models.EmailField(_("email"))
    project_title = models.CharField(_("project title"), max_length=200)
    kind = models.CharField(_("kind of production"), max_length=20, choices=Kind.choices, default=Kind.FEATURE)
    shooting_start = models.DateField(_("shooting starts"), null=True, blank=True)
    shooting_end = models.DateField(_("shooting ends"), null=True, blank=True)
    locations = models.CharField(_("locations"), max_length=300, blank=True)
    # Locations of the public library the producer names; carried into the lead made from
    # the inquiry (ProductionLead.library_locations, kept by locations.Location.productions).
    library_locations = models.ManyToManyField(
        "locations.Location",
        verbose_name=_("locations from the library"),
        related_name="production_inquiries",
        blank=True,
    )
    services_needed = models.ManyToManyField(
        "members.ServiceCategory", verbose_name=_("services needed"), related_name="production_inquiries", blank=True
    )
    budget_band = models.CharField(_("budget band"), max_length=10, choices=BudgetBand.choices, blank=True)
    message = models.TextField(_("message"), max_length=5000)
    consent = models.BooleanField(_("consent to processing"), default=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("production inquiry")
        verbose_name_plural = _("production inquiries")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.project_title} ({self.company})"

    def clean(self):
        super().clean()
        if errors := shooting_dates_errors(self.shooting_start, self.shooting_end):
            raise ValidationError(errors)
