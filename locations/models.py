"""Filming locations of the region: a library with photos, shown on a map.

What the public may see of a location is decided here once (``Location.public_position``
and the ``PUBLIC`` rule); contact details and the exact address are for cluster members
and for the producer the managing firm answers, never for a public page, the map data,
the sitemap or the search.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from members.fields import ValidatedImageField

# Public map positions are rounded to this many decimal places (about 1 km in
# Małopolska) unless the managing side chose to show the exact point.
PUBLIC_POSITION_PLACES = 2

# What "shown to the public" means in SQL: published, and managed by the cluster office
# or by a member that is itself public (a hidden or suspended firm takes its locations
# off the public pages with it).
PUBLIC = models.Q(is_published=True) & (
    models.Q(manager__isnull=True) | models.Q(manager__status="active", manager__is_public=True)
)


class LocationCategory(models.Model):
    """A two-level taxonomy of locations: areas (architecture, landscape…) and kinds (castle…)."""

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

    class Meta:
        verbose_name = _("location category")
        verbose_name_plural = _("location categories")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return f"{self.parent} › {self.name}" if self.parent_id else self.name


class Location(models.Model):
    class Setting(models.TextChoices):
        INDOOR = "indoor", _("Indoor")
        OUTDOOR = "outdoor", _("Outdoor")
        BOTH = "both", _("Indoor and outdoor")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    categories = models.ManyToManyField(
        LocationCategory, verbose_name=_("categories"), related_name="locations", blank=True
    )
    setting = models.CharField(_("indoor or outdoor"), max_length=8, choices=Setting.choices, default=Setting.OUTDOOR)
    municipality = models.CharField(_("municipality"), max_length=100)
    region = models.CharField(_("region"), max_length=100, default="Małopolska")
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
    )
    show_exact_position = models.BooleanField(
        _("show the exact position publicly"),
        default=False,
        help_text=_("Otherwise the public map shows a position rounded to about a kilometre."),
    )
    # Members only (and the producer the managing side answers).
    address = models.CharField(_("exact address"), max_length=250, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    access_notes = models.TextField(
        _("access and logistics"), blank=True, help_text=_("Parking, power, base-camp room, accessibility.")
    )
    permits = models.TextField(_("permits"), blank=True, help_text=_("Which permits are needed and from whom."))
    seasonal_notes = models.TextField(_("seasonal notes"), blank=True)
    manager = models.ForeignKey(
        "members.Member",
        verbose_name=_("managed by"),
        null=True,
        blank=True,
        related_name="locations",
        on_delete=models.SET_NULL,
        help_text=_("Empty: the cluster office manages it."),
    )
    productions = models.ManyToManyField(
        "productions.ProductionLead",
        verbose_name=_("productions shot here"),
        related_name="library_locations",
        blank=True,
    )
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Unpublished locations are left out of every public page.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    search_document = models.TextField(_("search document"), blank=True, default="", editable=False)
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name", "id"]
        indexes = [GinIndex(fields=["search_vector"]), models.Index(fields=["municipality"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("locations:detail", kwargs={"slug": self.slug})

    @property
    def is_public_now(self) -> bool:
        manager = self.manager
        return self.is_published and (manager is None or manager.is_public_now)

    def public_position(self) -> tuple[float, float]:
        """(latitude, longitude) as the public may see them."""
        if self.show_exact_position:
            return float(self.latitude), float(self.longitude)
        step = Decimal(1).scaleb(-PUBLIC_POSITION_PLACES)
        return (
            float(Decimal(self.latitude).quantize(step, rounding=ROUND_HALF_UP)),
            float(Decimal(self.longitude).quantize(step, rounding=ROUND_HALF_UP)),
        )


class LocationPhoto(models.Model):
    location = models.ForeignKey(Location, verbose_name=_("location"), related_name="photos", on_delete=models.CASCADE)
    image = ValidatedImageField(_("image"), upload_to="locations/photos/")
    alt_text = models.CharField(
        _("alt text"), max_length=200, help_text=_("What the picture shows, for screen readers.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.alt_text or self.image.name


class LocationInquiry(models.Model):
    """Which library locations a producer's shortlist inquiry asked about."""

    inquiry = models.ForeignKey(
        "members.Inquiry", verbose_name=_("inquiry"), related_name="location_requests", on_delete=models.CASCADE
    )
    location = models.ForeignKey(
        Location, verbose_name=_("location"), related_name="inquiries", on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = _("inquiry about a location")
        verbose_name_plural = _("inquiries about locations")
        constraints = [models.UniqueConstraint(fields=["inquiry", "location"], name="unique_location_inquiry")]

    def __str__(self) -> str:
        return f"{self.inquiry} → {self.location}"
