from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Portal")

    def ready(self):
        # The admin speaks of the cluster, in the coordinator's language, not of "Django".
        from django.contrib import admin
        from django.db.models.signals import pre_save

        from core.branding import cluster_name_lazy

        from . import lookups  # noqa: F401 - registers field__any
        from .images import reencode_new_images
        from .search import tasks  # noqa: F401 - registers the search tasks with Celery

        admin.site.site_header = cluster_name_lazy()
        admin.site.site_title = cluster_name_lazy()
        # Every model's new images are re-encoded before they are stored (core.images).
        pre_save.connect(reencode_new_images, dispatch_uid="core.images.reencode_new_images")
