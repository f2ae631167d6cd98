from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("Coordinator's desk")

    def ready(self):
        from . import home  # noqa: PLC0415 - the app registry must be ready before models are imported

        home.register()
