from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Resource

from .models import OwnerCalendar, Period, Person, PersonCredit, Role


def clean_feed_url(url: str) -> str:
    """A calendar feed to import is fetched over http(s) only (``busyimport`` checks again)."""
    if url and not url.lower().startswith(("https://", "http://")):
        raise forms.ValidationError(_("Give an http or https address."))
    return url


class PersonProfileForm(forms.ModelForm):
    roles = forms.ModelMultipleChoiceField(
        label=_("Roles"),
        queryset=Role.objects.select_related("department"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Person
        fields = [
            "name",
            "photo",
            "photo_alt",
            "roles",
            "bio_pl",
            "bio_en",
            "languages",
            "city",
            "travel",
            "rate_band",
            "showreel_url",
            "imdb_url",
            "portfolio_url",
            "email",
            "phone",
            "show_email",
            "show_phone",
            "is_public",
            "import_url",
        ]
        labels = {"bio_pl": _("Short bio (Polish)"), "bio_en": _("Short bio (English)")}
        widgets = {"bio_pl": forms.Textarea(attrs={"rows": 4}), "bio_en": forms.Textarea(attrs={"rows": 4})}

    def clean_import_url(self):
        return clean_feed_url(self.cleaned_data.get("import_url", ""))


PersonCreditFormSet = forms.inlineformset_factory(
    Person, PersonCredit, fields=["title", "year", "role"], extra=1, can_delete=True, max_num=50
)


class OwnerImportForm(forms.ModelForm):
    """The outside busy feed of a resource or a location; empty switches the import off."""

    class Meta:
        model = OwnerCalendar
        fields = ["import_url"]
        labels = {"import_url": _("Address of the busy feed to import")}

    def clean_import_url(self):
        return clean_feed_url(self.cleaned_data.get("import_url", ""))


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Mark these days as"), choices=Period.Kind.choices)
    start = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Private note"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The last day cannot be before the first day."))
        return data


class HoldForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("People to pencil"), queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )

    resources = forms.ModelMultipleChoiceField(
        label=_("Resources to pencil"),
        queryset=Resource.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, people, resources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people
        self.fields["resources"].queryset = resources

    def clean(self):
        data = super().clean()
        if not data.get("people") and not data.get("resources"):
            raise forms.ValidationError(_("Choose at least one person or resource."))
        return data
