from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilmingConfig(AppConfig):
    name = "filming"
    verbose_name = _("Filming in the region")

    def ready(self):
        # The app registry must be ready before models are imported.
        from core.search import indexing, registry  # noqa: PLC0415

        from . import home, signals  # noqa: PLC0415
        from .models import GuidePage, IncentiveScheme  # noqa: PLC0415
        from .search import GENERATION, GuideSearch, IncentiveSearch, page_groups, scheme_groups  # noqa: PLC0415

        indexing.keep_current(GuidePage, page_groups, generation=GENERATION, public=lambda page: page.is_published)
        indexing.keep_current(
            IncentiveScheme, scheme_groups, generation=GENERATION, public=lambda scheme: scheme.is_published
        )
        registry.register(GuideSearch())
        registry.register(IncentiveSearch())
        signals.connect()
        home.register()
