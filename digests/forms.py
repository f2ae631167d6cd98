from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Frequency, SectionKey


class DigestPreferenceForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        help_text=_("Digests go out at 7:00 (Warsaw time): daily, on Mondays, or on the 1st of the month."),
    )
    sections = forms.MultipleChoiceField(
        label=_("What the digest holds"),
        choices=SectionKey.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("frequency") not in (None, Frequency.OFF) and not cleaned.get("sections"):
            self.add_error("sections", _("Choose at least one section, or turn the digest off."))
        return cleaned


class DigestPreviewForm(forms.Form):
    """The admin preview: whose digest, and of which frequency (empty: their own)."""

    email = forms.EmailField(label=_("User's email address"))
    frequency = forms.ChoiceField(
        label=_("Frequency"),
        choices=[("", "—"), *((f.value, f.label) for f in Frequency if f != Frequency.OFF)],
        required=False,
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.user = get_user_model().objects.filter(email__iexact=email).first()
        if self.user is None:
            raise forms.ValidationError(_("No user has this email address."))
        return email
