"""The cluster's own name, in Polish or English (settings CLUSTER_NAME, CLUSTER_NAME_EN)."""

from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import get_language


def cluster_name(language: str | None = None) -> str:
    """The name in ``language`` (default: the active one); Polish unless English is asked for."""
    language = language or get_language() or settings.LANGUAGE_CODE
    return settings.CLUSTER_NAME_EN if language.startswith("en") else settings.CLUSTER_NAME


# For values fixed at import time that must follow the request's language (the admin header).
cluster_name_lazy = lazy(cluster_name, str)
