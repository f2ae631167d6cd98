from django.urls import path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.PostListView.as_view(), name="list"),
    path("calls/", views.CallListView.as_view(), name="calls"),
    path("feed/", feeds.LatestPostsFeed(), name="feed"),
    path("<slug:slug>/", views.PostDetailView.as_view(), name="detail"),
]
