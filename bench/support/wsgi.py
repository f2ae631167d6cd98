"""WSGI application of the catalogue benchmark (settings: bench.support.settings)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.support.settings")
application = get_wsgi_application()
