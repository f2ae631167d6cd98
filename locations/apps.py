from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocationsConfig(AppConfig):
    name = "locations"
    verbose_name = _("Locations")

    def ready(self):
        # Imported here, not at the top: the app registry must be ready before models are imported.
        from core.search import registry  # noqa: PLC0415
        from members import shortlist  # noqa: PLC0415

        from . import home, signals  # noqa: F401, PLC0415 - signals connects the search and cache receivers
        from .search import LocationsSearch  # noqa: PLC0415
        from .shortlist import LocationsShortlistSection  # noqa: PLC0415

        home.register()
        registry.register(LocationsSearch())
        shortlist.register_section(LocationsShortlistSection())
