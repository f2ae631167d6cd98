"""Member organisations of the cluster and the service taxonomy of its joint offer."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.validators import validate_year

from .fields import ValidatedImageField

# Paths under /members/ that are not profiles (members/urls.py).
RESERVED_SLUGS = {"shortlist"}

# Languages a firm's staff can work in (ISO 639-1), offered as catalogue filter values.
STAFF_LANGUAGES = [
    ("pl", _("Polish")),
    ("en", _("English")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("uk", _("Ukrainian")),
    ("cs", _("Czech")),
    ("sk", _("Slovak")),
    ("ru", _("Russian")),
]


# What "shown to the public" means in SQL; the same rule as Member.is_public_now.
PUBLIC_NOW = models.Q(status="active", is_public=True)


class ServiceCategory(models.Model):
    """A two-level taxonomy: top-level areas (e.g. Post-production) and their services."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        related_name="children",
        on_delete=models.PROTECT,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    synonyms = models.TextField(
        _("synonyms"),
        blank=True,
        help_text=_(
            "Other words producers use for this service, separated by commas (e.g. colorist, DI, grading). "
            "A search for any of them finds the members offering it."
        ),
    )

    class Meta:
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return f"{self.parent} › {self.name}" if self.parent_id else self.name

    @property
    def is_top_level(self) -> bool:
        return self.parent_id is None

    def synonym_list(self) -> list[str]:
        """Both languages' synonyms, one phrase each."""
        phrases = f"{self.synonyms_pl or ''},{self.synonyms_en or ''}".replace("\n", ",").split(",")
        return list(dict.fromkeys(phrase.strip() for phrase in phrases if phrase.strip()))


class Member(models.Model):
    """A member organisation: company, NGO, public institution or university."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        NGO = "ngo", _("NGO")
        PUBLIC = "public", _("Public institution")
        UNIVERSITY = "university", _("University")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        FORMER = "former", _("Former")

    class SizeBand(models.TextChoices):
        MICRO = "1-9", _("1–9 people")
        SMALL = "10-49", _("10–49 people")
        MEDIUM = "50-249", _("50–249 people")
        LARGE = "250+", _("250 or more people")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.COMPANY)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = ValidatedImageField(_("logo"), upload_to="members/logos/", blank=True)
    city = models.CharField(_("city"), max_length=100)
    address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("public business email"), blank=True)
    phone = models.CharField(_("public phone"), max_length=40, blank=True)
    year_founded = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    size_band = models.CharField(_("size"), max_length=8, choices=SizeBand.choices, blank=True)
    languages = ArrayField(
        models.CharField(max_length=2, choices=STAFF_LANGUAGES),
        verbose_name=_("working languages"),
        default=list,
        blank=True,
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    is_public = models.BooleanField(
        _("shown publicly"), default=True, help_text=_("Hidden members are left out of every public page.")
    )
    # Where the firm is, for the catalogue's map; set in "My company" by a click on the map
    # or a town of the bundled gazetteer (members.gazetteer). Nothing is geocoded.
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    show_on_map = models.BooleanField(
        _("show on the catalogue's map"),
        default=True,
        help_text=_("The map shows the firm's marker only when this is ticked and a position is set."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    # Kept by members.search (signals + services): lower-case text without diacritics
    # of everything a producer may search for, and its tsvector ('simple' config), so
    # "lodz" finds "Łódź" without the unaccent extension.
    search_document = models.TextField(_("search document"), blank=True, default="", editable=False)
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)
    # The weight-A part alone (name, services, synonyms): small enough to stay in the row,
    # so ranking thousands of matches never reads the whole document back from TOAST.
    search_names = SearchVectorField(_("search vector of names and services"), null=True, editable=False)
    # How much of its profile a member filled in (0-100), kept with the search document;
    # ties in search results go to the fuller profile.
    profile_completeness = models.PositiveSmallIntegerField(_("profile completeness"), default=0, editable=False)

    history = HistoricalRecords(
        excluded_fields=["search_document", "search_vector", "search_names", "profile_completeness", "updated_at"]
    )

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="member_position_both_or_none_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "is_public"]),
            GinIndex(fields=["search_vector"]),
            # The catalogue's default page: public members by name (an index scan, no sort).
            models.Index(fields=["name", "id"], name="member_public_by_name", condition=PUBLIC_NOW),
            models.Index(fields=["-updated_at", "name"], name="member_public_by_update", condition=PUBLIC_NOW),
            # The public cities (members.search.public_cities walks it city by city).
            models.Index(fields=["city"], name="member_public_by_city", condition=PUBLIC_NOW),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("members:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is used by the catalogue itself; please choose another.")})

    @property
    def is_public_now(self) -> bool:
        return self.is_public and self.status == self.Status.ACTIVE

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_on_map(self) -> bool:
        return self.show_on_map and self.latitude is not None and self.longitude is not None


class MemberService(models.Model):
    """A service a member offers: a category of the taxonomy plus its own words."""

    member = models.ForeignKey(Member, verbose_name=_("member"), related_name="services", on_delete=models.CASCADE)
    category = models.ForeignKey(
        ServiceCategory, verbose_name=_("category"), related_name="member_services", on_delete=models.PROTECT
    )
    description = models.CharField(_("description"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service offered")
        verbose_name_plural = _("services offered")
        constraints = [models.UniqueConstraint(fields=["member", "category"], name="unique_member_service")]
        ordering = ["category__position", "category__slug"]

    def __str__(self) -> str:
        return f"{self.member}: {self.category.name}"


class Credit(models.Model):
    """A production the member worked on, and what it did there."""

    class Kind(models.TextChoices):
        FEATURE = "feature", _("Feature film")
        SERIES = "series", _("TV series")
        DOCUMENTARY = "documentary", _("Documentary")
        SHORT = "short", _("Short film")
        ANIMATION = "animation", _("Animation")
        COMMERCIAL = "commercial", _("Commercial")
        MUSIC_VIDEO = "music_video", _("Music video")
        OTHER = "other", _("Other")

    member = models.ForeignKey(Member, verbose_name=_("member"), related_name="credits", on_delete=models.CASCADE)
    title = models.CharField(_("production title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind of production"), max_length=16, choices=Kind.choices, default=Kind.FEATURE)
    role = models.CharField(_("the member's role"), max_length=200)
    url = models.URLField(_("link"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def clean(self):
        super().clean()
        try:
            validate_year(self.year)
        except ValidationError as error:
            raise ValidationError({"year": error}) from None


class GalleryImage(models.Model):
    """A picture of the member's work, studio or equipment."""

    member = models.ForeignKey(Member, verbose_name=_("member"), related_name="images", on_delete=models.CASCADE)
    image = ValidatedImageField(_("image"), upload_to="members/gallery/")
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.caption or self.image.name


class Resource(models.Model):
    """A line of the member's resources: equipment, stages, vehicles, crews."""

    member = models.ForeignKey(Member, verbose_name=_("member"), related_name="resources", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=200)
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    details = models.CharField(_("details"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources and equipment")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class Inquiry(models.Model):
    """A message from a producer to one company (its profile) or several (a shortlist)."""

    class Source(models.TextChoices):
        PROFILE = "profile", _("Company profile")
        SHORTLIST = "shortlist", _("Shortlist")

    recipients = models.ManyToManyField(Member, verbose_name=_("companies"), related_name="inquiries")
    source = models.CharField(_("sent from"), max_length=16, choices=Source.choices, default=Source.PROFILE)
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"))
    company = models.CharField(_("company"), max_length=200, blank=True)
    message = models.TextField(_("message"), max_length=5000)
    consent = models.BooleanField(_("consent to pass the data on"), default=False)
    language = models.CharField(_("language of the sender"), max_length=8, default="en")
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        if self.created_at is None:  # not saved yet
            return f"{self.name} <{self.email}>"
        return f"{self.name} <{self.email}> ({timezone.localdate(self.created_at):%Y-%m-%d})"
