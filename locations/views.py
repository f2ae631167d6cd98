from django.conf import settings
from django.core.paginator import InvalidPage
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views import View
from django.views.generic import DetailView, TemplateView

from accounts.access import is_cluster_member

from . import selectors, seo
from .filters import CLUSTER_MANAGED
from .models import Location, LocationCategory
from .shortlist import location_add, location_remove, location_slugs

FILTER_KEYS = ("q", "category", "municipality", "setting", "managed_by")


def _map_settings() -> dict:
    return {
        "map_tiles_url": settings.LOCATIONS_MAP_TILES_URL,
        "map_tiles_attribution": settings.LOCATIONS_MAP_ATTRIBUTION,
    }


def _filter_query(params) -> str:
    return urlencode([(key, params[key]) for key in FILTER_KEYS if params.get(key)])


class LocationListView(TemplateView):
    """The public library: filters, results with counts and pages, and a map of them."""

    template_name = "locations/location_list.html"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        try:
            library = selectors.library_page(params, page_number=params.get("page"))
        except InvalidPage:
            raise Http404("no such page of the library") from None
        query = _filter_query(params)
        categories = list(LocationCategory.objects.select_related("parent").order_by("position", "slug"))
        return super().get_context_data(
            library=library,
            locations=library.locations,
            page_obj=library.page,
            is_paginated=library.paginator.num_pages > 1,
            filter_query=query,
            categories=categories,
            municipalities=selectors.municipality_choices(),
            managers=selectors.managed_by_choices(),
            cluster_managed=CLUSTER_MANAGED,
            selected={key: params.get(key, "") for key in FILTER_KEYS},
            is_filtered=bool(query),
            map_data_url=f"{reverse('locations:map_data')}?{query}" if query else reverse("locations:map_data"),
            shortlist=location_slugs(self.request),
            **_map_settings(),
            **kwargs,
        )


class LocationMapDataView(View):
    """The filtered library as GeoJSON: public fields and public positions only."""

    def get(self, request, *args, **kwargs):
        response = JsonResponse(selectors.map_data(request.GET))
        response["Cache-Control"] = "public, max-age=60"
        return response


class LocationDetailView(DetailView):
    template_name = "locations/location_detail.html"
    context_object_name = "location"

    def get_object(self, queryset=None):
        try:
            return selectors.public_location_page(self.kwargs["slug"])
        except Location.DoesNotExist:
            raise Http404("no such public location") from None

    def get_context_data(self, **kwargs):
        location = self.object
        latitude, longitude = location.public_position()
        return super().get_context_data(
            members_view=is_cluster_member(self.request.user),
            public_latitude=latitude,
            public_longitude=longitude,
            productions=selectors.showcase_productions(location),
            nearby=selectors.nearby_locations(location),
            in_shortlist=location.slug in location_slugs(self.request),
            json_ld=seo.place_json_ld(location, self.request),
            og_image=seo.location_image_url(location, self.request),
            meta_description=seo.location_meta_description(location),
            map_data_url=reverse("locations:map_data") + "?" + urlencode({"only": location.slug}),
            **_map_settings(),
            **kwargs,
        )


class LocationShortlistToggleView(View):
    """ "Ask about this location": add it to the producer's shortlist (or remove it)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        slug, action = request.POST.get("location", ""), request.POST.get("action")
        if action == "remove":
            location_remove(request, slug)
        elif selectors.public_locations().filter(slug=slug[:200]).exists():
            location_add(request, slug)
        else:
            raise Http404("no such public location")
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
            target = reverse("members:shortlist")
        return HttpResponseRedirect(target)
