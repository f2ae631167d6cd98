"""Form pieces shared by the public forms."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_single_line(value: str) -> None:
    """A name, a subject or a company is one line: no line break (which would also let a
    value reach an email header as a second header) and no other control character."""
    if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in value or ""):
        raise ValidationError(
            _("Please write this on one line, without line breaks or control characters."),
            code="not_single_line",
        )


class SingleLineFieldsMixin(forms.BaseForm):
    """Every text field shown as a one-line input refuses line breaks and control
    characters, with the message next to the field (a browser never sends them from such
    an input; a script can)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and isinstance(field.widget, forms.TextInput):
                field.validators.append(validate_single_line)


class HoneypotMixin(SingleLineFieldsMixin, forms.Form):
    """A field people never see (hidden by CSS and from screen readers) and bots fill in;
    the public forms that use it also get the single-line rule (SingleLineFieldsMixin).

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
