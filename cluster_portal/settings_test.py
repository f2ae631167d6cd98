"""Settings for the test suite: the normal settings with DJANGO_ENV=test.

Each pytest-xdist worker gets its own Redis logical databases, so that one worker
clearing its cache or broker never touches another's.
"""

import os

os.environ.setdefault("DJANGO_ENV", "test")

from .settings import *  # noqa: E402, F403
from .settings import REDIS_URL, _redis_db  # noqa: E402

_worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
_slot = 3 + 3 * int(_worker or 0)
CACHES["default"]["LOCATION"] = _redis_db(REDIS_URL, _slot)  # noqa: F405
CELERY_BROKER_URL = _redis_db(REDIS_URL, _slot + 1)
CELERY_RESULT_BACKEND = _redis_db(REDIS_URL, _slot + 2)
# Unit tests run tasks inline; tests of the task path start a real worker and switch
# this off (see tests/conftest.py: celery_worker).
CELERY_TASK_ALWAYS_EAGER = os.environ.get("PORTAL_TEST_EAGER", "1") == "1"
CELERY_TASK_EAGER_PROPAGATES = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if "EMAIL_URL" not in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A Celery worker started by a test must use the test's database, not the main one.
if os.environ.get("PORTAL_TEST_DATABASE_NAME"):
    DATABASES["default"]["NAME"] = os.environ["PORTAL_TEST_DATABASE_NAME"]  # noqa: F405
MEDIA_ROOT = BASE_DIR / "var" / "test-media" / (os.environ.get("PYTEST_XDIST_WORKER") or "main")  # noqa: F405
STORAGES["default"] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}  # noqa: F405
PRIVATE_MEDIA_ROOT = MEDIA_ROOT / "private-media"
STORAGES["private"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
}
