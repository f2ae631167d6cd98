"""Texts a person writes about a location exist in Polish and English (modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Location, LocationCategory, LocationPhoto


@register(LocationCategory)
class LocationCategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(Location)
class LocationTranslation(TranslationOptions):
    fields = ("name", "description", "access_notes", "permits", "seasonal_notes")


@register(LocationPhoto)
class LocationPhotoTranslation(TranslationOptions):
    fields = ("alt_text",)
