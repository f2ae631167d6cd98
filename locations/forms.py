from django import forms
from django.forms import inlineformset_factory
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .models import Location, LocationCategory, LocationPhoto
from .services import photo_prepare

# Municipalities in Małopolska lie roughly within these bounds; a point outside them is
# almost always swapped or mistyped coordinates.
REGION_BOUNDS = {"latitude": (48.9, 50.7), "longitude": (18.8, 21.7)}

LOCATION_FIELDS = [
    "name_pl", "name_en", "description_pl", "description_en", "categories", "setting",
    "municipality", "latitude", "longitude", "show_exact_position",
    "address", "contact_name", "contact_email", "contact_phone",
    "access_notes_pl", "access_notes_en", "permits_pl", "permits_en",
    "seasonal_notes_pl", "seasonal_notes_en", "is_published",
]  # fmt: skip


class LocationForm(forms.ModelForm):
    """A firm's location in its editor; the manager is the firm, set by the view."""

    class Meta:
        model = Location
        fields = LOCATION_FIELDS
        widgets = {
            "categories": forms.CheckboxSelectMultiple,
            "latitude": forms.NumberInput(attrs={"step": "0.000001", "data-map-latitude": ""}),
            "longitude": forms.NumberInput(attrs={"step": "0.000001", "data-map-longitude": ""}),
        }

    def __init__(self, *args, manager=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.manager = manager
        self.fields["name_pl"].required = True
        self.fields["categories"].queryset = LocationCategory.objects.filter(parent__isnull=False).select_related(
            "parent"
        )

    def clean(self):
        cleaned = super().clean()
        for name, (low, high) in REGION_BOUNDS.items():
            value = cleaned.get(name)
            if value is not None and not low <= float(value) <= high:
                self.add_error(name, _("This point is outside the region; check the coordinates."))
        return cleaned

    def save(self, commit=True):
        location = super().save(commit=False)
        if self.manager is not None:
            location.manager = self.manager
        if not location.slug:
            location.slug = unique_slug(location.name_pl or location.name_en or "location")
        if commit:
            location.save()
            self.save_m2m()
        return location


RESERVED_SLUGS = {"mine", "shortlist", "map-geojson"}


def unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "location"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Location.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class LocationPhotoForm(forms.ModelForm):
    class Meta:
        model = LocationPhoto
        fields = ["image", "alt_text_pl", "alt_text_en", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alt_text_pl"].required = True

    def save(self, commit=True):
        photo = super().save(commit=False)
        photo_prepare(photo)
        if commit:
            photo.save()
        return photo


LocationPhotoFormSet = inlineformset_factory(
    Location, LocationPhoto, form=LocationPhotoForm, extra=2, can_delete=True, max_num=20
)
