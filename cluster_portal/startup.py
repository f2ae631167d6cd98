"""The production start-up guard: no process serves or touches data half-configured.

Settings refuse to load in production without a real ``SECRET_KEY`` and
``ALLOWED_HOSTS``. The services (``DATABASE_URL``, ``REDIS_URL``, ``EMAIL_URL``) are
checked here instead, by the processes that use them: the WSGI and ASGI applications,
the Celery worker and beat, and every management command except the offline ones below.
That way ``manage.py check --deploy`` and ``collectstatic`` run in a container build that
has no database, while nothing that serves requests or reads data can start without one.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Management commands that need neither the database, Redis nor email.
OFFLINE_COMMANDS = frozenset({"check", "collectstatic", "compilemessages", "diffsettings", "help", "version"})


def require_production_services() -> None:
    """Raise ImproperlyConfigured naming every service variable production still lacks."""
    missing = getattr(settings, "PRODUCTION_MISSING_SERVICES", [])
    if missing:
        raise ImproperlyConfigured(
            f"{', '.join(missing)} must be set when DJANGO_ENV=production. Example: "
            "DATABASE_URL=postgres://user:pw@db:5432/portal REDIS_URL=redis://cache:6379/0 "
            "EMAIL_URL=smtp+tls://user:pw@smtp.example.org:587"
        )


def require_services_for_command(argv: list[str]) -> None:
    """The guard for ``manage.py``: offline commands pass, everything else needs the services."""
    command = argv[1] if len(argv) > 1 else "help"
    if command.startswith("-") or command in OFFLINE_COMMANDS:
        return
    require_production_services()
