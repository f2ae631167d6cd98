"""Fields a person writes exist in Polish and English (django-modeltranslation).

Reading ``description`` gives the current language, falling back to the other one when
empty (MODELTRANSLATION_FALLBACK_LANGUAGES)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Credit, GalleryImage, Member, MemberService, Resource, ServiceCategory


@register(ServiceCategory)
class ServiceCategoryTranslation(TranslationOptions):
    fields = ("name", "synonyms")


@register(Member)
class MemberTranslation(TranslationOptions):
    fields = ("tagline", "description")


@register(MemberService)
class MemberServiceTranslation(TranslationOptions):
    fields = ("description",)


@register(Credit)
class CreditTranslation(TranslationOptions):
    fields = ("role",)


@register(GalleryImage)
class GalleryImageTranslation(TranslationOptions):
    fields = ("caption",)


@register(Resource)
class ResourceTranslation(TranslationOptions):
    fields = ("name", "details")


# The audit log (django-simple-history) must keep both languages of what a person
# wrote: its historical models get the same translation fields as the live ones.
for _model, _options in [
    (Member, MemberTranslation),
    (MemberService, MemberServiceTranslation),
    (Credit, CreditTranslation),
    (GalleryImage, GalleryImageTranslation),
    (Resource, ResourceTranslation),
]:
    register(_model.history.model)(
        type(f"Historical{_options.__name__}", (TranslationOptions,), {"fields": _options.fields})
    )
