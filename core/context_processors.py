from core.branding import cluster_name


def portal(request):
    """The cluster's name in the page language, for the layout and emails."""
    return {"cluster_name": cluster_name()}
