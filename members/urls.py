from django.urls import path

from . import views

app_name = "members"

# "shortlist" comes before <slug>, so no member may use that slug.
urlpatterns = [
    path("", views.MemberListView.as_view(), name="list"),
    path("shortlist/", views.ShortlistView.as_view(), name="shortlist"),
    path("shortlist/toggle/", views.ShortlistToggleView.as_view(), name="shortlist_toggle"),
    path("shortlist/sent/", views.ShortlistSentView.as_view(), name="shortlist_sent"),
    path("<slug:slug>/", views.MemberDetailView.as_view(), name="detail"),
    path("<slug:slug>/inquiry/sent/", views.InquirySentView.as_view(), name="inquiry_sent"),
]
