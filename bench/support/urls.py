"""The project's URLs and a bare view: the smallest response the same stack can give."""

from django.http import HttpResponse
from django.urls import path

from cluster_portal.urls import urlpatterns as portal_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *portal_urlpatterns]
