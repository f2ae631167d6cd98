from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin
from locations.models import PUBLIC as PUBLIC_LOCATION
from locations.models import Location
from members.models import ServiceCategory

from .models import LeadAlertPreference, ProductionInquiry

MAX_LIBRARY_LOCATIONS = 20


class LibraryLocationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.municipality})"


class ProductionInquiryForm(HoneypotMixin, forms.ModelForm):
    # Only what the public library shows; a location unpublished meanwhile is refused
    # next to the field ("not one of the available choices").
    library_locations = LibraryLocationChoiceField(
        label=_("Locations from our library"),
        queryset=Location.objects.filter(PUBLIC_LOCATION).order_by("name", "id"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Optional: the locations of the cluster's library you are thinking of."),
    )
    services_needed = forms.ModelMultipleChoiceField(
        label=_("Services needed"),
        # The services themselves; a top-level area only where it has no services under it.
        queryset=ServiceCategory.objects.filter(Q(parent__isnull=False) | Q(children__isnull=True))
        .select_related("parent")
        .distinct()
        .order_by("parent__position", "position", "slug"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the cluster office processes these details to answer my inquiry"
            " and passes them to its members."
        ),
        required=True,
    )

    class Meta:
        model = ProductionInquiry
        fields = [
            "producer_name",
            "company",
            "country",
            "email",
            "project_title",
            "kind",
            "shooting_start",
            "shooting_end",
            "locations",
            "library_locations",
            "services_needed",
            "budget_band",
            "message",
            "consent",
        ]
        widgets = {
            "shooting_start": forms.DateInput(attrs={"type": "date"}),
            "shooting_end": forms.DateInput(attrs={"type": "date"}),
            "message": forms.Textarea(attrs={"rows": 6}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("shooting_start"), data.get("shooting_end")
        if start and end and end < start:
            self.add_error("shooting_end", _("The shoot cannot end before it starts."))
        if len(data.get("library_locations") or ()) > MAX_LIBRARY_LOCATIONS:
            self.add_error(
                "library_locations",
                _("Please choose at most %(count)d locations; name the others in your message.")
                % {"count": MAX_LIBRARY_LOCATIONS},
            )
        return data


class InterestForm(forms.Form):
    member = forms.TypedChoiceField(label=_("Firm"), coerce=int)
    note = forms.CharField(
        label=_("Note for the cluster office"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, m.name) for m in members]


class WithdrawForm(forms.Form):
    member = forms.TypedChoiceField(label=_("Firm"), coerce=int)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, m.name) for m in members]


class LeadAlertPreferenceForm(forms.ModelForm):
    class Meta:
        model = LeadAlertPreference
        fields = ["instant_lead_alerts"]


class ShortlistForm(forms.Form):
    to = forms.EmailField(label=_("Producer's email"), max_length=254)
    language = forms.ChoiceField(label=_("Language"), choices=[("en", _("English")), ("pl", _("Polish"))])
