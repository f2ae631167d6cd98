"""The cluster's crew and artists, and when they (and firms' resources and managed
locations) are busy.

A person's profile is public only when they opt in (``is_public``) and the coordinator
has not hidden it (``is_active``); contact details are shown only as each ``show_*``
switch says. Availability is kept in days (inclusive ``start``–``end``), the unit crews
are booked in; the database refuses two firm entries (booked or available) of the same
owner on overlapping days, while pencilled holds may overlap, as in the trade.
"""

import secrets

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, RangeOperators
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Func, Q, Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from members.fields import ValidatedImageField
from members.models import STAFF_LANGUAGES

# Paths under /people/ that are not profiles (people/urls.py).
RESERVED_SLUGS = {"me", "holds", "feed", "shortlist", "calendars"}

PUBLIC_NOW = Q(is_public=True, is_active=True)


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class Department(models.Model):
    """A crew department (camera, lighting, sound…), with the firms' services it matches."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    services = models.ManyToManyField(
        "members.ServiceCategory",
        verbose_name=_("matching services"),
        related_name="+",
        blank=True,
        help_text=_("A production lead needing one of these services looks for people of this department."),
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name


class Role(models.Model):
    """A role within a department (director of photography, gaffer, boom operator…)."""

    department = models.ForeignKey(
        Department, verbose_name=_("department"), related_name="roles", on_delete=models.PROTECT
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["department__position", "position", "slug"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A crew member or artist of the cluster."""

    class Travel(models.TextChoices):
        LOCAL = "local", _("Works in the region only")
        NATIONAL = "national", _("Travels within Poland")
        INTERNATIONAL = "international", _("Travels abroad")

    class RateBand(models.TextChoices):
        UNKNOWN = "", _("Not given")
        UNDER_1000 = "lt1000", _("Under 1,000 PLN a day")
        TO_2500 = "1000-2500", _("1,000–2,500 PLN a day")
        TO_5000 = "2500-5000", _("2,500–5,000 PLN a day")
        OVER_5000 = "gt5000", _("Over 5,000 PLN a day")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user who keeps this profile"),
        related_name="person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    photo = ValidatedImageField(_("photo"), upload_to="people/photos/", blank=True)
    photo_alt = models.CharField(_("description of the photo"), max_length=200, blank=True)
    roles = models.ManyToManyField(Role, verbose_name=_("roles"), related_name="people", blank=True)
    bio = models.TextField(_("short bio"), max_length=2000, blank=True)
    languages = ArrayField(
        models.CharField(max_length=2, choices=STAFF_LANGUAGES),
        verbose_name=_("working languages"),
        default=list,
        blank=True,
    )
    city = models.CharField(_("base city"), max_length=100)
    travel = models.CharField(_("willingness to travel"), max_length=16, choices=Travel.choices, default=Travel.LOCAL)
    rate_band = models.CharField(_("day rate"), max_length=12, choices=RateBand.choices, blank=True)
    firms = models.ManyToManyField(
        "members.Member",
        verbose_name=_("member firms they work with"),
        related_name="people",
        blank=True,
    )
    is_individual_member = models.BooleanField(_("individual member of the cluster"), default=False)
    showreel_url = models.URLField(_("showreel"), blank=True)
    imdb_url = models.URLField(_("IMDb"), blank=True)
    portfolio_url = models.URLField(_("portfolio or website"), blank=True)
    # Contact details are private unless their own switch says otherwise.
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    show_email = models.BooleanField(_("show my email on my public profile"), default=False)
    show_phone = models.BooleanField(_("show my phone on my public profile"), default=False)
    is_public = models.BooleanField(
        _("show my profile publicly"),
        default=False,
        help_text=_("Until this is ticked the profile appears in no public page, search, feed or sitemap."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("The cluster office can hide a profile by unticking this.")
    )
    # The secret address of this person's busy feed (people/feeds.py), and the address
    # of their own calendar's public free/busy feed to import (people/tasks.py).
    feed_token = models.CharField(_("busy feed key"), max_length=64, default=new_feed_token, unique=True)
    import_url = models.URLField(
        _("your calendar's public busy feed"),
        blank=True,
        help_text=_("An iCalendar (.ics) address. Only the busy times are kept, never titles or details."),
    )
    import_status = models.CharField(_("last import"), max_length=200, blank=True, editable=False)
    import_checked_at = models.DateTimeField(_("last import at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    search_document = models.TextField(_("search document"), blank=True, default="", editable=False)
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "pk"]
        indexes = [
            GinIndex(fields=["search_vector"]),
            models.Index(fields=["name", "id"], name="person_public_by_name", condition=PUBLIC_NOW),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:detail", kwargs={"slug": self.slug})

    @property
    def is_public_now(self) -> bool:
        return self.is_public and self.is_active

    @property
    def public_email(self) -> str:
        return self.email if self.show_email else ""

    @property
    def public_phone(self) -> str:
        return self.phone if self.show_phone else ""


class PersonCredit(models.Model):
    person = models.ForeignKey(Person, verbose_name=_("person"), related_name="credits", on_delete=models.CASCADE)
    title = models.CharField(_("production title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    role = models.CharField(_("role"), max_length=150)

    class Meta:
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


def _int_point(field: str) -> Func:
    """``int8range(x, x, '[]')``: equality as a range overlap, which GiST indexes without
    the btree_gist extension (the embedded PostgreSQL has no contrib extensions)."""
    return Func(F(field), F(field), Value("[]"), function="int8range")


_DAYS = Func(F("start"), F("end"), Value("[]"), function="daterange")
# Firm entries of one owner never overlap; holds ("pencils") and imported busy times may.
_FIRM = Q(kind__in=["booked", "available"]) & ~Q(source="feed")


class Period(models.Model):
    """Days a person, a firm's resource or a managed location is booked, pencilled or
    marked available: one owner per row, one set of rules for all three."""

    class Kind(models.TextChoices):
        BOOKED = "booked", _("Booked")
        HOLD = "hold", _("On hold (pencilled)")
        AVAILABLE = "available", _("Available")

    class Source(models.TextChoices):
        MANUAL = "manual", _("Entered by the owner")
        FEED = "feed", _("Imported from the owner's calendar")
        LEAD = "lead", _("Pencilled from a production lead")

    # What counts as busy: a booking, or a hold that has not expired.
    BUSY = (Kind.BOOKED, Kind.HOLD)

    person = models.ForeignKey(
        Person, verbose_name=_("person"), related_name="periods", null=True, blank=True, on_delete=models.CASCADE
    )
    resource = models.ForeignKey(
        "members.Resource",
        verbose_name=_("resource"),
        related_name="periods",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    location = models.ForeignKey(
        "locations.Location",
        verbose_name=_("location"),
        related_name="periods",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.BOOKED)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    note = models.CharField(_("private note"), max_length=200, blank=True)
    expires_at = models.DateTimeField(_("hold expires"), null=True, blank=True)
    lead = models.ForeignKey(
        "productions.ProductionLead",
        verbose_name=_("production lead"),
        related_name="holds",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("pencilled by firm"),
        related_name="holds_placed",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("availability period")
        verbose_name_plural = _("availability periods")
        ordering = ["start", "end", "pk"]
        indexes = [
            models.Index(fields=["person", "start", "end"]),
            models.Index(fields=["resource", "start", "end"]),
            models.Index(fields=["location", "start", "end"]),
            models.Index(fields=["expires_at"], condition=Q(kind="hold"), name="period_hold_expiry"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, resource__isnull=True, location__isnull=True)
                | Q(person__isnull=True, resource__isnull=False, location__isnull=True)
                | Q(person__isnull=True, resource__isnull=True, location__isnull=False),
                name="period_has_one_owner",
            ),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="period_ends_after_start"),
            models.CheckConstraint(
                condition=Q(kind="hold", expires_at__isnull=False) | (~Q(kind="hold") & Q(expires_at__isnull=True)),
                name="period_hold_expires",
            ),
            ExclusionConstraint(
                name="period_person_no_overlap",
                expressions=[(_int_point("person_id"), RangeOperators.OVERLAPS), (_DAYS, RangeOperators.OVERLAPS)],
                condition=_FIRM & Q(person__isnull=False),
            ),
            ExclusionConstraint(
                name="period_resource_no_overlap",
                expressions=[(_int_point("resource_id"), RangeOperators.OVERLAPS), (_DAYS, RangeOperators.OVERLAPS)],
                condition=_FIRM & Q(resource__isnull=False),
            ),
            ExclusionConstraint(
                name="period_location_no_overlap",
                expressions=[(_int_point("location_id"), RangeOperators.OVERLAPS), (_DAYS, RangeOperators.OVERLAPS)],
                condition=_FIRM & Q(location__isnull=False),
            ),
            # One pencil per lead on a person or a resource: pencilling again extends it.
            models.UniqueConstraint(
                fields=["lead", "person"], condition=Q(lead__isnull=False), name="one_hold_per_lead_and_person"
            ),
            models.UniqueConstraint(
                fields=["lead", "resource"], condition=Q(lead__isnull=False), name="one_hold_per_lead_and_resource"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start:%Y-%m-%d}–{self.end:%Y-%m-%d}"

    @property
    def is_busy(self) -> bool:
        return self.kind in self.BUSY


class OwnerCalendar(models.Model):
    """The feeds of a firm's resource or a managed location, kept here rather than on the
    owners' models so that ``members`` and ``locations`` need not know about them: the
    secret key of its busy feed out, and the outside busy feed it imports (as a person's
    own fields on ``Person``). Exactly one owner per row."""

    resource = models.OneToOneField(
        "members.Resource",
        verbose_name=_("resource"),
        related_name="calendar",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    location = models.OneToOneField(
        "locations.Location",
        verbose_name=_("location"),
        related_name="calendar",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    feed_token = models.CharField(_("busy feed key"), max_length=64, default=new_feed_token, unique=True)
    import_url = models.URLField(
        _("outside calendar's public busy feed"),
        blank=True,
        help_text=_("An iCalendar (.ics) address. Only the busy times are kept, never titles or details."),
    )
    # The status is written in the language of whoever gave the address.
    import_language = models.CharField(_("language of the import status"), max_length=8, blank=True, editable=False)
    import_status = models.CharField(_("last import"), max_length=200, blank=True, editable=False)
    import_checked_at = models.DateTimeField(_("last import at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("calendar feeds of a resource or location")
        verbose_name_plural = _("calendar feeds of resources and locations")
        constraints = [
            models.CheckConstraint(
                condition=Q(resource__isnull=False, location__isnull=True)
                | Q(resource__isnull=True, location__isnull=False),
                name="owner_calendar_has_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return str(self.owner)

    @property
    def owner_field(self) -> str:
        """The ``Period`` field naming this owner: ``"resource"`` or ``"location"``."""
        return "resource" if self.resource_id else "location"

    @property
    def owner(self):
        return self.resource if self.resource_id else self.location


class PersonInquiry(models.Model):
    """The people a producer's shortlist inquiry went to (the inquiry itself is the members app's)."""

    inquiry = models.ForeignKey(
        "members.Inquiry", verbose_name=_("inquiry"), related_name="person_recipients", on_delete=models.CASCADE
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), related_name="inquiries", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("inquiry to a person")
        verbose_name_plural = _("inquiries to people")
        constraints = [models.UniqueConstraint(fields=["inquiry", "person"], name="unique_person_inquiry")]

    def __str__(self) -> str:
        return f"{self.inquiry} → {self.person}"
