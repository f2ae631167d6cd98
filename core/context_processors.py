from core.branding import current


def portal(request):
    """The cluster's branding and name in the page language, for the layout and emails."""
    brand = current()
    return {"cluster_name": brand.name(), "branding": brand}
