from django.urls import path

from core.csrf import same_origin_post
from core.pagecache import public_page

from . import manage_views, views

app_name = "locations"

# "map.geojson", "shortlist" and "mine" come before <slug>: no location may use them.
urlpatterns = [
    path("", public_page("locations")(views.LocationListView.as_view()), name="list"),
    path("map.geojson", public_page("locations")(views.LocationMapDataView.as_view()), name="map_data"),
    path("shortlist/", same_origin_post(views.LocationShortlistToggleView.as_view()), name="shortlist_toggle"),
    path("mine/", manage_views.MyLocationsView.as_view(), name="mine"),
    path("mine/new/", manage_views.LocationCreateView.as_view(), name="create"),
    path("mine/<slug:slug>/", manage_views.LocationEditView.as_view(), name="edit"),
    path(
        "<slug:slug>/",
        public_page("locations", "productions", "availability")(views.LocationDetailView.as_view()),
        name="detail",
    ),
]
