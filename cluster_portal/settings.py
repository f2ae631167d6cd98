"""Settings for the cluster portal, read from the environment.

One module serves every environment; `DJANGO_ENV` picks the defaults:

* ``development`` (default): DEBUG on, emails written to ``var/mail``, local media.
* ``test``: used by the test suite (set by ``conftest.py``).
* ``production``: fails closed. Nothing starts without a real ``SECRET_KEY`` and
  ``ALLOWED_HOSTS``; the web server, the Celery processes and every management command
  that touches data also refuse to start without ``DATABASE_URL``, ``REDIS_URL`` and
  ``EMAIL_URL`` (see ``cluster_portal.startup``). Offline commands (``check``,
  ``collectstatic``, ``compilemessages``) run with just the first two, as a container
  build needs. Every setting ``manage.py check --deploy`` asks for is on.

When ``DATABASE_URL`` / ``REDIS_URL`` are unset outside production, the launcher
(`cluster_portal.launcher`) starts an embedded PostgreSQL and Redis under ``var/``
and exports their URLs before Django starts.
"""

import ipaddress
import warnings
from email.utils import parseaddr
from pathlib import Path

import environ
import sentry_sdk
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.logs import sentry_before_send

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be development, test or production, not {DJANGO_ENV!r}")
PRODUCTION = DJANGO_ENV == "production"

# --- Core -----------------------------------------------------------------------------

# Development and test keys are fixed and public on purpose; production must bring its own.
_DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default="" if PRODUCTION else _DEV_SECRET_KEY)
if PRODUCTION and (len(SECRET_KEY) < 50 or SECRET_KEY == _DEV_SECRET_KEY or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters when DJANGO_ENV=production."
    )

DEBUG = env.bool("DEBUG", default=DJANGO_ENV == "development")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when DJANGO_ENV=production.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DJANGO_ENV=production.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The public address of the portal, used to build absolute links in emails and feeds.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
CLUSTER_NAME = env.str("CLUSTER_NAME", default="Krakowski Klaster Filmowy")
CLUSTER_NAME_EN = env.str("CLUSTER_NAME_EN", default="Krakow Film Cluster")
# The map's tile server (locations library). OpenStreetMap's own by default, with its
# required attribution; an empty URL draws only the bundled outline of the region.
LOCATIONS_MAP_TILES_URL = env.str("LOCATIONS_MAP_TILES_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
LOCATIONS_MAP_ATTRIBUTION = env.str(
    "LOCATIONS_MAP_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)
# The service taxonomy `manage.py load_taxonomy` reads (members/taxonomy.py).
# The cluster's time zone: pages, emails, digests' periods, calendars and beat's schedule.
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Warsaw")
TAXONOMY_FILE = env.path("TAXONOMY_FILE", default=BASE_DIR / "members" / "data" / "taxonomy.json")

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django_filters",
    "django_celery_beat",
    "simple_history",
    "import_export",
    "core",
    "accounts",
    "members",
    "productions",
    "news",
    "events",
    "digests",
    "desk",
    "cooperation",
    "people",
    "filming",
    "locations",
]

MIDDLEWARE = [
    # Outermost: every response, cached pages included, carries the request's id.
    "core.middleware.RequestIdMiddleware",
    "core.middleware.RejectNulBytesMiddleware",
    # Then, so that it sets a public page's cache headers after every other middleware.
    "core.pagecache.PublicPageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inside the CSP and security headers: a database outage's 503 page carries them too.
    "core.outage.DatabaseOutageMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.i18n.LanguageCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "accounts.middleware.StaffMFARequiredMiddleware",
]

ROOT_URLCONF = "cluster_portal.urls"
WSGI_APPLICATION = "cluster_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
            ],
        },
    },
    {
        # Plain-text emails and subjects: the same templates, without HTML escaping.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

# --- Database -------------------------------------------------------------------------

# Services a production process needs; cluster_portal.startup refuses to serve without them.
PRODUCTION_MISSING_SERVICES = (
    [name for name in ("DATABASE_URL", "REDIS_URL", "EMAIL_URL") if name not in env] if PRODUCTION else []
)

# Outside production the launcher exports the embedded server's URL; this default only
# serves tools run by hand against the machine's own PostgreSQL.
DATABASES = {"default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/cluster_portal")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60 if PRODUCTION else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, Celery broker ------------------------------------------------------

REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")


def _redis_db(url: str, db: int) -> str:
    """The same Redis server with another logical database (cache and broker apart)."""
    base, _, tail = url.rpartition("/")
    return f"{base}/{db}" if tail.isdigit() else f"{url.rstrip('/')}/{db}"


CACHES = {
    "default": {
        # Django's Redis cache, degrading to misses while Redis is away (core.cache).
        "BACKEND": "core.cache.ResilientRedisCache",
        "LOCATION": env.str("CACHE_URL", default=_redis_db(REDIS_URL, 1)),
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="portal"),
        # A Redis that hangs must not hang every page with it.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
    },
    # The layout's fixed parts (the footer, the main navigation) rendered once per
    # process for each language and branding version ({% cache ... using="fragments" %}
    # in base.html): nothing in them comes from members' data, so no invalidation is
    # needed beyond the key; each worker holds its own few entries.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "layout-fragments",
        "TIMEOUT": 60 * 60,
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}
# In the database only: people stay logged in while Redis is down.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=_redis_db(REDIS_URL, 2))
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task not acknowledged within this time is delivered again (acks_late); it must exceed
# the longest task.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Beat writes each entry's last run to the database right after sending it (instead of
# every 3 minutes), so a beat killed and started again, here or on another host, does not
# run again what it had just sent.
CELERY_BEAT_SYNC_EVERY = 1
# Digest batches: rows per task, and how long a worker holds the rows it claimed before
# the sweep hands them to another worker (digests.services).
DIGEST_BATCH_SIZE = env.int("DIGEST_BATCH_SIZE", default=100)
DIGEST_LEASE_SECONDS = env.int("DIGEST_LEASE_SECONDS", default=600)
# The outbox of transactional emails (core.outbox): sent rows are deleted after this many
# days, failed ones after twice as many; a repeated request (a double click) within the
# window writes no second email.
OUTBOX_RETENTION_DAYS = env.int("OUTBOX_RETENTION_DAYS", default=90)
OUTBOX_REPEAT_WINDOW_MINUTES = env.int("OUTBOX_REPEAT_WINDOW_MINUTES", default=5)
# Seeded into django-celery-beat on start; the coordinator can change it in the admin.
CELERY_BEAT_SCHEDULE: dict = {
    "core-heartbeat": {"task": "core.tasks.heartbeat", "schedule": crontab(minute="*/5")},
    "core-outbox-requeue-stale": {"task": "core.tasks.requeue_stale_emails", "schedule": crontab(minute="*/10")},
    "core-outbox-purge": {"task": "core.tasks.purge_outbox", "schedule": crontab(minute=30, hour=3)},
    # Digests at 07:00 in TIME_ZONE (CELERY_TIMEZONE): daily, Mondays, the 1st of the month.
    "digests-daily": {
        "task": "digests.tasks.plan_digests",
        "schedule": crontab(minute=0, hour=7),
        "kwargs": {"frequency": "daily"},
    },
    "digests-weekly": {
        "task": "digests.tasks.plan_digests",
        "schedule": crontab(minute=0, hour=7, day_of_week=1),
        "kwargs": {"frequency": "weekly"},
    },
    "digests-monthly": {
        "task": "digests.tasks.plan_digests",
        "schedule": crontab(minute=0, hour=7, day_of_month=1),
        "kwargs": {"frequency": "monthly"},
    },
    "digests-sweep": {"task": "digests.tasks.sweep_stale_deliveries", "schedule": crontab(minute="*/5")},
    "events-expire-unconfirmed": {
        "task": "events.tasks.expire_unconfirmed_registrations",
        "schedule": crontab(minute=15),
    },
    "events-reminders": {"task": "events.tasks.send_event_reminders", "schedule": crontab(minute=5)},
    # Hourly, so a reminder goes out within the hour its day comes; sending twice is impossible.
    "cooperation-call-reminders": {"task": "cooperation.tasks.send_call_reminders", "schedule": crontab(minute=20)},
    # People: refresh imported busy feeds every 6 hours; drop expired holds hourly.
    "people-busy-feeds": {"task": "people.tasks.import_all_busy_feeds", "schedule": crontab(minute=40, hour="*/6")},
    "people-expire-holds": {"task": "people.tasks.expire_holds", "schedule": crontab(minute=25)},
}

# --- Authentication (django-allauth) --------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = CLUSTER_NAME_EN
# Coordinators must use TOTP two-factor authentication (accounts.middleware). On by
# default in production only, so the demo coordinator can log in without a phone.
PORTAL_REQUIRE_STAFF_MFA = env.bool("PORTAL_REQUIRE_STAFF_MFA", default=PRODUCTION)

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 24 * 14)

# --- Internationalisation -------------------------------------------------------------

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date, time and number format per language: cluster_portal/formats/<lang>/formats.py.
FORMAT_MODULE_PATH = ["cluster_portal.formats"]
USE_I18N = True
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "pl"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("pl", "en"), "pl": ("en",), "en": ("pl",)}

# --- Static and media files -----------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))

# Production serves hashed, compressed files collected by `collectstatic`; development and
# tests serve straight from the source folders so that no collect step is needed.
_static_backend = (
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
    if PRODUCTION
    else "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Uploads: public media and members-only files (see core.storage). Members-only files on
# disk stay outside MEDIA_ROOT, so a proxy serving /media/ from MEDIA_ROOT never has them.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private-media")))
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="local")
if MEDIA_STORAGE not in {"local", "s3"}:
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be local or s3, not {MEDIA_STORAGE!r}")
if MEDIA_STORAGE == "s3":
    # Any S3-compatible service (AWS, MinIO, Ceph, Scaleway, OVH…). Credentials come from
    # AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or the machine's role). Each storage is
    # held to its own prefix of the bucket: a name reaching outside it is refused.
    _bucket = {
        "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
        "region_name": env.str("AWS_S3_REGION_NAME", default=None),
        "access_key": env.str("AWS_ACCESS_KEY_ID", default=None),
        "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=None),
        "signature_version": "s3v4",
        "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="path"),
        "file_overwrite": False,
    }
    _media_storage = {
        "BACKEND": "core.storage.PortalS3Storage",
        "OPTIONS": {
            **_bucket,
            "location": "public",
            "default_acl": "public-read",
            "querystring_auth": False,
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default=None),
            "url_protocol": env.str("AWS_S3_URL_PROTOCOL", default="https:"),
        },
    }
    _private_storage = {
        "BACKEND": "core.storage.PortalS3Storage",
        "OPTIONS": {
            **_bucket,
            "location": "private",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env.int("AWS_QUERYSTRING_EXPIRE", default=300),
            "custom_domain": None,
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    _private_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    }
STORAGES = {
    "default": _media_storage,
    "private": _private_storage,
    "staticfiles": {"BACKEND": _static_backend},
}
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

# Django 6 behaviour now: a URL typed without a scheme is taken as https. Django 5.2
# warns about the transitional setting itself; that warning says nothing we act on.
FORMS_URLFIELD_ASSUME_HTTPS = True
warnings.filterwarnings("ignore", message="The FORMS_URLFIELD_ASSUME_HTTPS transitional setting is deprecated")

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Email ----------------------------------------------------------------------------

if "EMAIL_URL" in env:
    vars().update(env.email_url("EMAIL_URL"))
elif not PRODUCTION:
    # Development: every email lands as a file in var/mail, readable with any text editor.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Krakow Film Cluster <no-reply@example.org>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# Where notifications for the cluster office go (new inquiries, interests…).
COORDINATOR_EMAIL = env.str("COORDINATOR_EMAIL", default="coordinator@example.org")

# --- Security -------------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    # TLS ends at the proxy in front of gunicorn; it must set X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)


# Content-Security-Policy on every response (django-csp), the admin and allauth included.
# No 'unsafe-inline': scripts and styles are files under static/; a script that must be
# inline takes the request's nonce ({{ request.csp_nonce }}). Outside origins (map tiles,
# a CDN, the S3 bucket's domain) only through these variables, comma-separated.
def _origin(url: str) -> list[str]:
    scheme, _, rest = url.partition("://")
    return [f"{scheme}://{rest.split('/')[0]}"] if rest else []


_media_origins = _origin(MEDIA_URL) + (
    [f"https://{env.str('AWS_S3_CUSTOM_DOMAIN')}"] if env.str("AWS_S3_CUSTOM_DOMAIN", default="") else []
)
# The locations map's tile server ("{s}." subdomains as a wildcard).
_tile_origins = _origin(LOCATIONS_MAP_TILES_URL.replace("{s}.", "*."))
CSP_REPORT_RATE = env.str("CSP_REPORT_RATE", default="60/h")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE, *env.list("CSP_SCRIPT_SRC", default=[])],
        "style-src": [SELF, *env.list("CSP_STYLE_SRC", default=[])],
        "img-src": [SELF, "data:", *_media_origins, *_tile_origins, *env.list("CSP_IMG_SRC", default=[])],
        "font-src": [SELF, *env.list("CSP_FONT_SRC", default=[])],
        "connect-src": [SELF, *env.list("CSP_CONNECT_SRC", default=[])],
        "frame-src": [*env.list("CSP_FRAME_SRC", default=[])] or [NONE],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "report-uri": ["/csp-report"],
    },
}

# Seconds each /healthz check may take (they run side by side); slower counts as down.
HEALTH_TIMEOUT = env.float("HEALTH_TIMEOUT", default=0.5)

# The reverse proxies in front of the portal, for the client's address (core.clientip):
# a count ("1": one proxy appends to X-Forwarded-For) or addresses and networks
# ("10.0.0.0/8,192.0.2.10"). Unset, X-Forwarded-For is ignored: REMOTE_ADDR is the client.
_trusted_proxies = env.str("TRUSTED_PROXIES", default="").strip()
TRUSTED_PROXIES: int | list[str] | None = None
if _trusted_proxies.isdigit():
    TRUSTED_PROXIES = int(_trusted_proxies) or None
elif _trusted_proxies:
    TRUSTED_PROXIES = [item.strip() for item in _trusted_proxies.split(",") if item.strip()]
    try:
        [ipaddress.ip_network(item, strict=False) for item in TRUSTED_PROXIES]
    except ValueError as exc:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {exc}") from None

# Whole public pages kept in Redis for visitors without a session (core.pagecache), and
# how long a browser or proxy may reuse one (Cache-Control max-age). 0 switches the cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=60)

# Public forms (inquiries, applications) allow this many submissions per IP and hour.
PUBLIC_FORM_RATE = env.str("PUBLIC_FORM_RATE", default="5/h")
# A logged-in person may send this many invitations (new or resent) from a firm's team page.
INVITATION_RATE = env.str("INVITATION_RATE", default="20/h")
# What one member user may post in the cooperation area: new requests, and answers,
# questions, replies and reports together.
COOPERATION_REQUEST_RATE = env.str("COOPERATION_REQUEST_RATE", default="5/h")
COOPERATION_MESSAGE_RATE = env.str("COOPERATION_MESSAGE_RATE", default="30/h")

# Mail on server errors (Django's mail_admins handler): "Name <address>, other@…".
ADMINS = [parseaddr(item) for item in env.list("ADMINS", default=[])]

# JSON lines in production (core.logs), with the request id (core.middleware) either way.
LOG_FORMAT = env.str("LOG_FORMAT", default="json" if PRODUCTION else "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.middleware.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "core.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Error reports to Sentry (or a compatible service) only when a DSN is given.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default=DJANGO_ENV),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,
        before_send=sentry_before_send,
    )
