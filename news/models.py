"""News posts written by the cluster office: announcements, member news, funding calls
and tenders, industry and press items."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.images import validate_image_upload

from .rendering import render_markdown

# Paths under /<lang>/news/ that are pages of their own, so no post may take them as a slug.
RESERVED_SLUGS = {"calls", "feed"}


class PostQuerySet(models.QuerySet):
    def published(self, now=None):
        """Posts whose publication time has come; later ones are scheduled and hidden."""
        return self.filter(published_at__lte=now or timezone.now())

    def public(self):
        return self.filter(visibility=Post.Visibility.PUBLIC)

    def calls(self):
        return self.filter(category__in=Post.CALL_CATEGORIES)


class Post(models.Model):
    class Category(models.TextChoices):
        CLUSTER = "cluster", _("Cluster news")
        MEMBER = "member", _("Member news")
        FUNDING_CALL = "funding-call", _("Funding call")
        TENDER = "tender", _("Tender")
        INDUSTRY = "industry", _("Industry")
        PRESS = "press", _("Press")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members only")

    CALL_CATEGORIES = (Category.FUNDING_CALL, Category.TENDER)

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, help_text=_("The address of the post: /news/<slug>/.")
    )
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("One or two sentences for the list, feeds and previews.")
    )
    body = models.TextField(_("body"), help_text=_("Markdown: **bold**, *italic*, [link](https://…), lists, tables."))
    # The sanitised HTML of `body`, rendered on save (one per language, see translation.py).
    body_html = models.TextField(_("rendered body"), blank=True, editable=False)
    image = models.ImageField(_("lead image"), upload_to="news/", blank=True, validators=[validate_image_upload])
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices, default=Category.CLUSTER)
    deadline = models.DateTimeField(
        _("application deadline"),
        null=True,
        blank=True,
        help_text=_("Required for funding calls and tenders."),
    )
    visibility = models.CharField(_("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC)
    published_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        db_index=True,
        help_text=_("A time in the future schedules the post: nobody sees it before then."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        related_name="news_posts",
        on_delete=models.SET_NULL,
    )
    related_members = models.ManyToManyField(
        "members.Member", verbose_name=_("related members"), blank=True, related_name="news_posts"
    )
    related_productions = models.ManyToManyField(
        "productions.ProductionLead",
        verbose_name=_("related productions"),
        blank=True,
        related_name="news_posts",
        help_text=_("Shown to members only, except productions in the public showcase."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    # Kept by core.search.indexing after every save (see news/search.py).
    search_document = models.TextField(_("search document"), blank=True, default="", editable=False)
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["category", "deadline"]), GinIndex(fields=["search_vector"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(category__in=["funding-call", "tender"]) | models.Q(deadline__isnull=False),
                name="news_call_has_deadline",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title_pl or self.title_en or self.title)[:200]
        for code, _label in settings.LANGUAGES:
            setattr(self, f"body_html_{code}", render_markdown(getattr(self, f"body_{code}") or ""))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and any(f.startswith("body") for f in update_fields):
            kwargs["update_fields"] = {*update_fields, *(f"body_html_{c}" for c, _l in settings.LANGUAGES)}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("news:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.category in self.CALL_CATEGORIES and self.deadline is None:
            raise ValidationError(
                {"deadline": _("Funding calls and tenders need an application deadline.")}, code="deadline_required"
            )
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is taken by a page of the portal.")}, code="reserved")

    @property
    def is_call(self) -> bool:
        return self.category in self.CALL_CATEGORIES

    @property
    def is_members_only(self) -> bool:
        return self.visibility == self.Visibility.MEMBERS

    @property
    def is_scheduled(self) -> bool:
        return self.published_at > timezone.now()

    def is_open(self, now=None) -> bool:
        """For calls and tenders: whether applications are still accepted."""
        return self.deadline is not None and self.deadline >= (now or timezone.now())
