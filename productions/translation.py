"""Lead texts the coordinator writes exist in Polish and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import ProductionLead


@register(ProductionLead)
class ProductionLeadTranslation(TranslationOptions):
    fields = ("title", "description", "image_alt")
