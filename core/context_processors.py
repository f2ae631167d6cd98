from django.conf import settings
from django.utils.translation import get_language


def portal(request):
    """The cluster's name in the page language, for the layout and emails."""
    name = settings.CLUSTER_NAME_EN if get_language() == "en" else settings.CLUSTER_NAME
    return {"cluster_name": name}
