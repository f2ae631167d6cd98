"""Post fields a person writes exist in Polish and English; reading ``title`` gives the
current language with fallback to the other (MODELTRANSLATION_FALLBACK_LANGUAGES).
``body_html`` is rendered from each language's ``body`` on save."""

from modeltranslation.translator import TranslationOptions, register

from .models import Post


@register(Post)
class PostTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "body_html", "image_alt")
    required_languages = {"pl": ("title", "body")}
