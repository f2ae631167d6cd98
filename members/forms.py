from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin

from .shortlist import parse_shared


class InquiryForm(HoneypotMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Your email"), max_length=254)  # as stored (Inquiry.email)
    company = forms.CharField(label=_("Your company or production"), max_length=200, required=False)
    message = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you are producing, when and where, and what you need from the company."),
    )
    consent = forms.BooleanField(
        label=_("I agree that my name, email and message are passed on to the company to answer my inquiry."),
    )


class ShortlistInquiryForm(InquiryForm):
    members = forms.CharField(widget=forms.HiddenInput, required=False)
    # The people on the shortlist (people.shortlist): one inquiry reaches firms and people.
    people = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_members(self):
        return parse_shared(self.cleaned_data["members"])

    def clean_people(self):
        return parse_shared(self.cleaned_data["people"])

    def clean(self):
        data = super().clean()
        if "members" in data and "people" in data and not (data["members"] or data["people"]):
            self.add_error("members", _("Your shortlist is empty."))
        return data
