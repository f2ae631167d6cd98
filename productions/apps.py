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
            fields=frozenset(
                {
                    "title",
                    "title_pl",
                    "title_en",
                    "kind",
                    "producer_company",
                    "locations",
                    "description",
                    "description_pl",
                    "description_en",
                    "visibility",
                }
            ),
        )
        registry.register(ShowcaseSearch())
        registry.register(LeadsSearch())

        from . import home  # noqa: PLC0415 - the app registry must be ready before models are imported

        home.register()
