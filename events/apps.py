from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from core.search import indexing, registry

        from .models import Event
        from .search import GENERATION, EventsSearch, event_groups

        indexing.keep_current(
            Event, event_groups, generation=GENERATION, public=lambda event: event.visibility == Event.Visibility.PUBLIC
        )
        registry.register(EventsSearch())

        from . import home  # noqa: PLC0415 - the app registry must be ready before models are imported

        home.register()

        from . import signals  # noqa: F401, PLC0415 - connects the receivers
