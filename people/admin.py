"""The coordinator's side of the people area: the crew taxonomy, people (created by the
office and invited to keep their own profile), their periods and holds."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from . import services
from .models import Department, Period, Person, PersonCredit, PersonInquiry, Role


class RoleInline(TranslationTabularInline):
    model = Role
    extra = 1
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Department)
class DepartmentAdmin(TranslationAdmin):
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name_en"]}
    filter_horizontal = ["services"]
    inlines = [RoleInline]


@admin.register(Role)
class RoleAdmin(TranslationAdmin):
    list_display = ["name", "department", "slug", "position"]
    list_filter = ["department"]
    list_select_related = ["department"]
    search_fields = ["name_pl", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


class PersonCreditInline(admin.TabularInline):
    model = PersonCredit
    extra = 1


class PeriodInline(admin.TabularInline):
    model = Period
    fk_name = "person"
    extra = 0
    fields = ["kind", "source", "start", "end", "expires_at", "lead", "member", "note"]
    raw_id_fields = ["lead", "member"]


@admin.register(Person)
class PersonAdmin(TranslationAdmin):
    list_display = ["name", "city", "is_public", "is_active", "user", "updated_at"]
    list_filter = ["is_public", "is_active", "travel", "roles__department"]
    search_fields = ["name", "slug", "city", "email"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["roles", "firms"]
    raw_id_fields = ["user"]
    readonly_fields = ["import_status", "import_checked_at"]
    inlines = [PersonCreditInline, PeriodInline]
    actions = ["invite"]

    @admin.action(description=_("Invite to keep their own profile (by email)"))
    def invite(self, request, queryset):
        sent = 0
        for person in queryset:
            if person.email and person.user_id is None:
                services.person_invite(person=person, invited_by=request.user)
                sent += 1
        self.message_user(
            request,
            ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", sent) % {"count": sent},
            messages.SUCCESS if sent else messages.WARNING,
        )


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ["__str__", "person", "resource", "kind", "source", "expires_at", "lead", "member"]
    list_filter = ["kind", "source"]
    list_select_related = ["person", "resource", "lead", "member"]
    raw_id_fields = ["person", "resource", "lead", "member"]
    date_hierarchy = "start"


@admin.register(PersonInquiry)
class PersonInquiryAdmin(admin.ModelAdmin):
    list_display = ["inquiry", "person"]
    list_select_related = ["inquiry", "person"]
    raw_id_fields = ["inquiry", "person"]
