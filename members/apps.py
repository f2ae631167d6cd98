from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from . import home  # noqa: PLC0415 - the app registry must be ready before models are imported

        home.register()
        from core.search import registry

        from . import signals  # noqa: F401 - connects the search-document and file receivers
        from .search import MembersSearch

        registry.register(MembersSearch())
