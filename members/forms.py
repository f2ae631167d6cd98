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

    def __init__(self, *args, has_other_items: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_other_items = has_other_items  # locations or other sections of the shortlist

    def clean_members(self):
        slugs = parse_shared(self.cleaned_data["members"])
        if not slugs and not self.has_other_items:
            raise forms.ValidationError(_("Your shortlist is empty."))
        return slugs
