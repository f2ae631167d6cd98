"""ASGI entry point, for servers that speak ASGI."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cluster_portal.settings")
application = get_asgi_application()

from cluster_portal.startup import require_production_services  # noqa: E402

require_production_services()
