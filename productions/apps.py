from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductionsConfig(AppConfig):
    name = "productions"
    verbose_name = _("Productions")

    def ready(self):
        from core.search import indexing, registry

        from .models import ProductionLead
        from .search import GENERATION, LeadsSearch, ShowcaseSearch, lead_groups

        indexing.keep_current(
            ProductionLead,
            lead_groups,
            generation=GENERATION,
            public=lambda lead: lead.visibility == ProductionLead.Visibility.PUBLIC,
        )
        registry.register(ShowcaseSearch())
        registry.register(LeadsSearch())

        from . import home  # noqa: PLC0415 - the app registry must be ready before models are imported

        home.register()
