"""Fields a person writes, and the crew taxonomy, in Polish and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Department, Person, Role


@register(Department)
class DepartmentTranslation(TranslationOptions):
    fields = ("name",)


@register(Role)
class RoleTranslation(TranslationOptions):
    fields = ("name",)


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("bio",)
