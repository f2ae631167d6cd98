from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")

    def ready(self):
        # The app registry must be ready before these modules import models.
        from accounts.privacy import register_personal_data  # noqa: PLC0415
        from core.search import indexing, registry  # noqa: PLC0415
        from members import shortlist  # noqa: PLC0415
        from members.filters import register_availability  # noqa: PLC0415

        from . import home, selectors, signals  # noqa: PLC0415
        from .models import Person  # noqa: PLC0415
        from .privacy import person_erase, person_export  # noqa: PLC0415
        from .search import GENERATION, PeopleSearch, person_groups  # noqa: PLC0415
        from .shortlist import PeopleShortlistSection  # noqa: PLC0415

        indexing.keep_current(Person, person_groups, generation=GENERATION, public=lambda p: p.is_public_now)
        registry.register(PeopleSearch())
        home.register()
        shortlist.register_section(PeopleShortlistSection())
        register_personal_data("crew_profile", export=person_export, erase=person_erase)
        signals.connect()
        register_availability(selectors.available_members)
