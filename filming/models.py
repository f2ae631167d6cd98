"""Filming in the region: the producer's guide pages, the incentive schemes the cluster
office keeps current, the euro rate it sets, and the rebate estimates producers asked
to be emailed or sent to the cluster.

Money is ``Decimal`` in PLN everywhere (``MONEY``: 14 digits, 2 decimal places); the
euro amounts are a view computed at the coordinator's rate, never stored as the figure.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.images import validate_image_upload
from productions.models import Kind

from .rendering import render_guide

CURRENCY = "PLN"
MONEY = {"max_digits": 14, "decimal_places": 2}
# Paths under /<lang>/filming/ that are pages of their own, so no guide page may take them.
RESERVED_SLUGS = {"incentives", "estimate"}


class SpendCategory(models.TextChoices):
    """What a production spends locally, as the estimate form asks for it."""

    CREW_CAST = "crew_cast", _("Local crew and cast")
    EQUIPMENT = "equipment", _("Equipment rental")
    LOCATIONS = "locations", _("Locations and studios")
    ART = "art", _("Set design, costume and make-up")
    POST = "post", _("Post-production, animation and VFX")
    SERVICES = "services", _("Production services, transport and catering")
    STAY = "stay", _("Accommodation and travel in the region")
    OTHER = "other", _("Other local costs")


class GuidePageQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True)


class GuidePage(models.Model):
    """One page of the producer's guide, written by the coordinator in Markdown."""

    class Topic(models.TextChoices):
        PERMITS = "permits", _("Filming permits")
        LOGISTICS = "logistics", _("Logistics")
        CLUSTER = "cluster", _("Working with the cluster")
        FAQ = "faq", _("Frequently asked questions")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, help_text=_("The address of the page: /filming/<slug>/.")
    )
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices, default=Topic.PERMITS)
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("One or two sentences for the guide's index and search.")
    )
    body = models.TextField(
        _("body"),
        help_text=_(
            "Markdown: headings (## Section) make the table of contents; **bold**, [link](https://…), lists, tables."
        ),
    )
    # Rendered on save from each language's body (see translation.py): sanitised HTML and
    # the table of contents as [{"id", "title", "level"}].
    body_html = models.TextField(_("rendered body"), blank=True, editable=False)
    toc = models.JSONField(_("table of contents"), default=list, blank=True, editable=False)
    image = models.ImageField(_("lead image"), upload_to="filming/", blank=True, validators=[validate_image_upload])
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0, help_text=_("Lower numbers come first."))
    is_published = models.BooleanField(_("published"), default=True)
    is_sample = models.BooleanField(
        _("sample text"),
        default=False,
        help_text=_("Shows a notice that the page is sample text, not checked information."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    search_document = models.TextField(_("search document"), blank=True, default="", editable=False)
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    objects = GuidePageQuerySet.as_manager()

    class Meta:
        verbose_name = _("guide page")
        verbose_name_plural = _("guide pages")
        ordering = ["position", "pk"]
        indexes = [GinIndex(fields=["search_vector"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title_en or self.title_pl or self.title)[:200]
        for code, _label in settings.LANGUAGES:
            html, toc = render_guide(getattr(self, f"body_{code}") or "")
            setattr(self, f"body_html_{code}", html)
            setattr(self, f"toc_{code}", toc)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and any(f.startswith("body") for f in update_fields):
            rendered = [f"{name}_{c}" for c, _l in settings.LANGUAGES for name in ("body_html", "toc")]
            kwargs["update_fields"] = {*update_fields, *rendered}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("filming:page", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is taken by a page of the portal.")}, code="reserved")


class GuideImage(models.Model):
    """A picture in a guide page's gallery (opened in the shared lightbox)."""

    page = models.ForeignKey(GuidePage, verbose_name=_("guide page"), related_name="images", on_delete=models.CASCADE)
    image = models.ImageField(_("image"), upload_to="filming/gallery/", validators=[validate_image_upload])
    caption = models.CharField(_("caption"), max_length=200, blank=True, help_text=_("Also the picture's alt text."))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("guide picture")
        verbose_name_plural = _("guide pictures")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name


class IncentiveSchemeQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True)

    def current(self, on=None):
        """Schemes open on the day ``on`` (today in the installation's time zone)."""
        day = on or timezone.localdate()
        return (
            self.public()
            .filter(models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day))
            .filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day))
        )


class IncentiveScheme(models.Model):
    """A support scheme as data: what it pays, from what spend, up to what, and who
    says so (``source``, ``last_checked``). The coordinator keeps it current."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    authority = models.CharField(_("authority"), max_length=200, help_text=_("Who runs the scheme."))
    summary = models.TextField(_("summary"), blank=True, max_length=2000)
    url = models.URLField(_("scheme's own rules"), help_text=_("The official page with the scheme's rules."))
    rate_percent = models.DecimalField(
        _("rate (percentage of eligible local spend)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    eligible_spend = ArrayField(
        models.CharField(max_length=16, choices=SpendCategory.choices),
        verbose_name=_("eligible spend categories"),
        default=list,
        blank=True,
        help_text=_("The local spend the scheme counts; none chosen means all of it."),
    )
    cap_per_project = models.DecimalField(
        _("cap per project (PLN)"), null=True, blank=True, validators=[MinValueValidator(Decimal("0"))], **MONEY
    )
    cap_per_applicant = models.DecimalField(
        _("cap per applicant (PLN)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("What one applicant may receive in the scheme's period, all its projects together."),
        **MONEY,
    )
    requires_local_service_company = models.BooleanField(
        _("requires a local service company"),
        default=False,
        help_text=_("A foreign production must work through a company registered in the region or country."),
    )
    service_company_services = models.ManyToManyField(
        "members.ServiceCategory",
        verbose_name=_("services of a local service company"),
        blank=True,
        related_name="+",
        help_text=_("Member firms offering one of these are shown as possible local service companies."),
    )
    valid_from = models.DateField(_("open from"), null=True, blank=True)
    valid_until = models.DateField(
        _("open until"), null=True, blank=True, help_text=_("After this day the estimate ignores the scheme.")
    )
    last_checked = models.DateField(_("last checked"), default=timezone.localdate)
    source = models.CharField(
        _("source"), max_length=300, help_text=_("Where the figures come from (document, page), as checked.")
    )
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Marks the scheme as sample data, not a real scheme's figures.")
    )
    is_published = models.BooleanField(_("published"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    search_document = models.TextField(_("search document"), blank=True, default="", editable=False)
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    objects = IncentiveSchemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("incentive scheme")
        verbose_name_plural = _("incentive schemes")
        ordering = ["position", "pk"]
        indexes = [GinIndex(fields=["search_vector"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rate_percent__gte=0) & models.Q(rate_percent__lte=100),
                name="filming_scheme_rate_is_a_percentage",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="filming_scheme_ends_after_it_opens",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("filming:incentives") + f"#{self.slug}"

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The scheme cannot close before it opens.")}, code="ends_early")

    def is_open(self, on=None) -> bool:
        day = on or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or self.valid_until >= day
        )

    @property
    def eligible_spend_labels(self) -> list[str]:
        return [SpendCategory(category).label for category in self.eligible_spend if category in SpendCategory.values]

    def counts(self, category: str) -> bool:
        return not self.eligible_spend or category in self.eligible_spend


class SchemeThreshold(models.Model):
    """The minimum local spend for one kind of production; a kind without one is not
    covered by the scheme."""

    scheme = models.ForeignKey(
        IncentiveScheme, verbose_name=_("scheme"), related_name="thresholds", on_delete=models.CASCADE
    )
    kind = models.CharField(_("kind of production"), max_length=20, choices=Kind.choices)
    min_local_spend = models.DecimalField(
        _("minimum eligible local spend (PLN)"), validators=[MinValueValidator(Decimal("0"))], **MONEY
    )

    class Meta:
        verbose_name = _("minimum spend")
        verbose_name_plural = _("minimum spend per kind of production")
        ordering = ["scheme", "kind"]
        constraints = [models.UniqueConstraint(fields=["scheme", "kind"], name="filming_one_threshold_per_kind")]

    def __str__(self) -> str:
        return f"{self.scheme}: {self.get_kind_display()}"


class EuroRate(models.Model):
    """The PLN-per-euro rate the estimate shows its euro view at; the latest one applies."""

    pln_per_eur = models.DecimalField(
        _("PLN per 1 EUR"), max_digits=8, decimal_places=4, validators=[MinValueValidator(Decimal("0.0001"))]
    )
    valid_from = models.DateField(_("valid from"), default=timezone.localdate, unique=True)
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("For example the central bank's table.")
    )

    class Meta:
        verbose_name = _("euro rate")
        verbose_name_plural = _("euro rates")
        ordering = ["-valid_from"]
        constraints = [models.CheckConstraint(condition=models.Q(pln_per_eur__gt=0), name="filming_rate_positive")]

    def __str__(self) -> str:
        return f"1 EUR = {self.pln_per_eur} PLN ({self.valid_from})"


class RebateEstimate(models.Model):
    """An estimate a producer had emailed or sent to the cluster: the figures as entered
    and each scheme's outcome as it was computed then (rules change; this does not)."""

    kind = models.CharField(_("kind of production"), max_length=20, choices=Kind.choices)
    spend = models.JSONField(_("planned local spend (PLN)"), default=dict)
    total_spend = models.DecimalField(_("total local spend (PLN)"), **MONEY)
    best_amount = models.DecimalField(_("largest single estimate (PLN)"), **MONEY)
    outcomes = models.JSONField(_("outcome per scheme"), default=list)
    pln_per_eur = models.DecimalField(_("PLN per 1 EUR used"), max_digits=8, decimal_places=4, null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    email = models.EmailField(_("emailed to"), blank=True)
    inquiry = models.ForeignKey(
        "productions.ProductionInquiry",
        verbose_name=_("production inquiry"),
        null=True,
        blank=True,
        related_name="rebate_estimates",
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("rebate estimate")
        verbose_name_plural = _("rebate estimates")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.total_spend} {CURRENCY}"
