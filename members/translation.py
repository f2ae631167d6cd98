"""Fields a person writes exist in Polish and English (django-modeltranslation).

Reading ``description`` gives the current language, falling back to the other one when
empty (MODELTRANSLATION_FALLBACK_LANGUAGES)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Member, MemberService, ServiceCategory


@register(ServiceCategory)
class ServiceCategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(Member)
class MemberTranslation(TranslationOptions):
    fields = ("tagline", "description")


@register(MemberService)
class MemberServiceTranslation(TranslationOptions):
    fields = ("description",)
