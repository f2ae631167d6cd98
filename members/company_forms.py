"""Forms of the "My company" editor: the firm's own fields (PL and EN side by side),
its logo, and the inline lists (services, gallery, credits, resources)."""

from __future__ import annotations

from django import forms
from django.db import models
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from core.images import validate_image_upload

from . import gazetteer
from .models import STAFF_LANGUAGES, Credit, GalleryImage, Member, MemberService, Resource, ServiceCategory

# Fields the coordinator keeps (status, visibility, slug, kind, membership dates) are not here.
PROFILE_FIELDS = [
    "name",
    "tagline_pl",
    "tagline_en",
    "description_pl",
    "description_en",
    "logo",
    "city",
    "address",
    "postal_code",
    "website",
    "email",
    "phone",
    "year_founded",
    "size_band",
    "languages",
    "latitude",
    "longitude",
    "show_on_map",
]


FIRST_FOUNDING_YEAR = 1800


def _in_range(value, limit: int):
    if value is not None and not -limit <= value <= limit:
        raise forms.ValidationError(
            _("Please enter a number between %(low)s and %(high)s."),
            code="out_of_range",
            params={"low": -limit, "high": limit},
        )
    return value


def clean_founding_year(year: int | None) -> int | None:
    """A firm cannot be founded in the future, nor before the cinema's prehistory."""
    last = timezone.localdate().year
    if year is not None and not FIRST_FOUNDING_YEAR <= year <= last:
        raise forms.ValidationError(
            _("Please enter a year between %(first)s and %(last)s."),
            code="year_out_of_range",
            params={"first": FIRST_FOUNDING_YEAR, "last": last},
        )
    return year


def translated_pairs(form, base_names):
    """[(label, pl bound field, en bound field)] for side-by-side rendering."""
    pairs = []
    for base in base_names:
        pl, en = form[f"{base}_pl"], form[f"{base}_en"]
        pairs.append((form._meta.model._meta.get_field(base).verbose_name, pl, en))
    return pairs


def url_as_https(field, **kwargs):
    """Model fields to form fields, with URLs typed without a scheme read as https://."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


def town_choices() -> list[tuple[str, str]]:
    return [("", _("— keep the position below —"))] + [(str(t.geonameid), t.label) for t in gazetteer.towns()]


class CompanyProfileForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=STAFF_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    # Without JavaScript a town of the gazetteer places the firm; with it, a click on the
    # map fills latitude and longitude (static/members/company-map.js). A town chosen wins.
    town = forms.TypedChoiceField(
        label=_("Place the firm at a town"),
        choices=town_choices,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Sets the latitude and longitude to the town's centre when you save."),
    )

    class Meta:
        model = Member
        fields = PROFILE_FIELDS
        formfield_callback = url_as_https
        widgets = {
            "description_pl": forms.Textarea(attrs={"rows": 8, "lang": "pl"}),
            "description_en": forms.Textarea(attrs={"rows": 8, "lang": "en"}),
            "tagline_pl": forms.TextInput(attrs={"lang": "pl"}),
            "tagline_en": forms.TextInput(attrs={"lang": "en"}),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
            "latitude": forms.NumberInput(attrs={"step": "0.000001", "min": "-90", "max": "90"}),
            "longitude": forms.NumberInput(attrs={"step": "0.000001", "min": "-180", "max": "180"}),
        }
        labels = {
            "tagline_pl": _("Polish"),
            "tagline_en": _("English"),
            "description_pl": _("Polish"),
            "description_en": _("English"),
        }

    def clean_year_founded(self):
        return clean_founding_year(self.cleaned_data.get("year_founded"))

    def clean_latitude(self):
        return _in_range(self.cleaned_data.get("latitude"), 90)

    def clean_longitude(self):
        return _in_range(self.cleaned_data.get("longitude"), 180)

    def clean(self):
        data = super().clean()
        town = gazetteer.town_by_id(data["town"]) if data.get("town") else None
        if town is not None:
            data["latitude"], data["longitude"] = town.latitude, town.longitude
            for name in ("latitude", "longitude"):
                self.errors.pop(name, None)  # the town replaces whatever was typed
        elif self.errors.get("latitude") or self.errors.get("longitude"):
            return data
        elif (data.get("latitude") is None) != (data.get("longitude") is None):
            missing = "longitude" if data.get("longitude") is None else "latitude"
            self.add_error(missing, _("Give both the latitude and the longitude, or leave both empty."))
        return data

    def _post_clean(self):
        # The town's position reaches the instance through cleaned_data, as a typed one would.
        super()._post_clean()
        if self.cleaned_data.get("town"):
            self.instance.latitude = self.cleaned_data["latitude"]
            self.instance.longitude = self.cleaned_data["longitude"]

    @property
    def position_fields(self):
        return [self["latitude"], self["longitude"]]

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):  # a new upload, not the stored file
            validate_image_upload(logo)
        return logo

    @property
    def translated_pairs(self):
        return translated_pairs(self, ["tagline", "description"])

    @property
    def contact_fields(self):
        names = ["city", "address", "postal_code", "website", "email", "phone", "year_founded", "size_band"]
        return [self[name] for name in names]


class ServiceForm(forms.ModelForm):
    class Meta:
        model = MemberService
        fields = ["category", "description_pl", "description_en"]
        labels = {"description_pl": _("In Polish"), "description_en": _("In English")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = ServiceCategory.objects.select_related("parent")


class UniqueCategoryFormSet(BaseInlineFormSet):
    """Says which row repeats a service, next to it, before the generic unique check runs.

    The rows share one list of categories and read their own category with the row, so
    the editor costs the same number of queries however many services the firm offers.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", MemberService.objects.select_related("category__parent"))
        super().__init__(*args, **kwargs)

    @cached_property
    def category_choices(self) -> list:
        return list(ServiceForm().fields["category"].choices)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.fields["category"].choices = self.category_choices
        setattr(form.instance, self.fk.name, self.instance)  # the row's label names the firm
        return form

    def clean(self):
        seen, repeated = set(), False
        for form in self.forms:
            if not getattr(form, "cleaned_data", None) or form.cleaned_data.get("DELETE"):
                continue
            category = form.cleaned_data.get("category")
            if category is not None and category in seen:
                form.add_error("category", _("This service is already on the list."))
                repeated = True
            seen.add(category)
        if not repeated:
            super().clean()


ServiceFormSet = inlineformset_factory(
    Member, MemberService, form=ServiceForm, formset=UniqueCategoryFormSet, extra=2, can_delete=True
)


# --- The firm's other lists ------------------------------------------------------------------

# slug in the URL -> (model, title)
EXTRA_LISTS = {
    "gallery": (GalleryImage, _("Gallery")),
    "credits": (Credit, _("Credits")),
    "resources": (Resource, _("Resources and equipment")),
}


def _editable_fields(model) -> list[str]:
    """Editable columns except the key to the member; translated ones as their _pl/_en pair."""
    translated = set(translator.get_options_for_model(model).all_fields)
    names = []
    for field in model._meta.concrete_fields:
        if not field.editable or field.primary_key or field.name == "member" or field.name in translated:
            continue
        names.append(field.name)
    return names


class ValidatedImagesForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if isinstance(field, forms.ImageField) and value and hasattr(value, "content_type"):
                try:
                    validate_image_upload(value)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned


def extra_list_formset(kind: str):
    model, _title = EXTRA_LISTS[kind]
    return inlineformset_factory(
        Member,
        model,
        form=ValidatedImagesForm,
        fields=_editable_fields(model),
        extra=2,
        can_delete=True,
        formfield_callback=url_as_https,
    )
