"""A request is written in its author's language, with an optional translation into the
other one; reading ``title`` or ``body`` gives the reader's language and falls back to
the other (MODELTRANSLATION_FALLBACK_LANGUAGES)."""

from modeltranslation.translator import TranslationOptions, register

from .models import CooperationRequest


@register(CooperationRequest)
class CooperationRequestTranslation(TranslationOptions):
    fields = ("title", "body")
