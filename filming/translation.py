"""Guide pages and schemes are written in Polish and English; reading ``title`` gives the
current language with fallback to the other. ``body_html`` and ``toc`` are rendered from
each language's ``body`` on save."""

from modeltranslation.translator import TranslationOptions, register

from .models import GuideImage, GuidePage, IncentiveScheme


@register(GuidePage)
class GuidePageTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "body_html", "toc", "image_alt")
    required_languages = {"pl": ("title", "body")}


@register(GuideImage)
class GuideImageTranslation(TranslationOptions):
    fields = ("caption",)


@register(IncentiveScheme)
class IncentiveSchemeTranslation(TranslationOptions):
    fields = ("name", "authority", "summary")
    required_languages = {"pl": ("name", "authority")}
