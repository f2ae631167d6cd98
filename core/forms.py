"""Form pieces shared by the public forms."""

from django import forms
from django.utils.translation import gettext_lazy as _


class HoneypotMixin(forms.Form):
    """A field people never see (hidden by CSS and from screen readers) and bots fill in.

    Render it with ``{% include "core/_honeypot.html" %}``. ``core.public_forms`` looks at
    it before anything else and answers a filled-in one as if the form had been sent; the
    field's own check keeps such a form invalid wherever else it might be used.
    """

    website_url = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website_url(self):
        value = self.cleaned_data.get("website_url", "")
        if value:
            raise forms.ValidationError(_("This submission looks automated."), code="honeypot")
        return value
