from django.urls import path

from core.csrf import same_origin_post
from core.pagecache import public_page

from . import company_views, views

app_name = "members"

# Mounted at the site's root: the catalogue under members/, the firm's own editor
# ("My company") under my-company/. "shortlist" comes before <slug>, so no member may
# use that slug. The catalogue filters by "available between": availability is one of
# the kinds of content its cached pages are built from.
urlpatterns = [
    path("members/", public_page("members", "availability")(views.MemberListView.as_view()), name="list"),
    # A dot never matches <slug:slug>: no member slug can shadow the map's data.
    path(
        "members/map.geojson",
        public_page("members", "availability")(views.MemberMapDataView.as_view()),
        name="map_data",
    ),
    path("members/shortlist/", views.ShortlistView.as_view(), name="shortlist"),
    path("members/shortlist/toggle/", same_origin_post(views.ShortlistToggleView.as_view()), name="shortlist_toggle"),
    path("members/shortlist/sent/", views.ShortlistSentView.as_view(), name="shortlist_sent"),
    path(
        "members/<slug:slug>/",
        same_origin_post(public_page("members", "productions", "availability")(views.MemberDetailView.as_view())),
        name="detail",
    ),
    path("members/<slug:slug>/inquiry/sent/", views.InquirySentView.as_view(), name="inquiry_sent"),
    path("my-company/", company_views.CompanyIndexView.as_view(), name="company_index"),
    path("my-company/<slug:slug>/", company_views.CompanyEditView.as_view(), name="company_edit"),
    path("my-company/<slug:slug>/preview/", company_views.CompanyPreviewView.as_view(), name="company_preview"),
    path("my-company/<slug:slug>/history/", company_views.CompanyHistoryView.as_view(), name="company_history"),
    path("my-company/<slug:slug>/<str:kind>/", company_views.CompanyListEditView.as_view(), name="company_list"),
]
