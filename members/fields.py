"""An ImageField whose form field checks the upload with core.images first.

Django's own ImageField opens the file with Pillow before any validator runs, so a
decompression bomb or a renamed PDF would get Django's generic "not a valid image"
message; checking with ``validate_image_upload`` first gives the precise one (too large,
too many pixels, wrong format) in the admin and in every ModelForm.
"""

from django import forms
from django.db import models

from core.images import validate_image_upload


class ValidatedImageFormField(forms.ImageField):
    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        validate_image_upload(upload)
        return super().to_python(data)


class ValidatedImageField(models.ImageField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [validate_image_upload])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ValidatedImageFormField, **kwargs})
