from django.urls import path

from core.pagecache import public_page

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", public_page("news")(views.PostListView.as_view()), name="list"),
    path("calls/", public_page("news")(views.CallListView.as_view()), name="calls"),
    path("feed/", feeds.LatestPostsFeed(), name="feed"),
    path("<slug:slug>/", public_page("news", "members", "productions")(views.PostDetailView.as_view()), name="detail"),
]
