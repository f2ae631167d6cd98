from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin, SingleLineFieldsMixin


class GuestRegistrationForm(HoneypotMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,  # Registration.email's column
        help_text=_("We send a link to this address; your seat is reserved once you open it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_("I agree that the cluster office stores my name and email to run this event."), required=True
    )


class EmailRegistrantsForm(SingleLineFieldsMixin, forms.Form):
    """The admin action's form: a message to everyone registered for the chosen events."""

    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}))
    statuses = forms.MultipleChoiceField(
        label=_("Send to"),
        choices=[
            ("confirmed", _("Confirmed")),
            ("waitlisted", _("On the waiting list")),
            ("pending", _("Waiting for email confirmation")),
        ],
        initial=["confirmed"],
        widget=forms.CheckboxSelectMultiple,
    )
