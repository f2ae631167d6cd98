from django.urls import path

from core.csrf import same_origin_post
from core.pagecache import public_page

from . import views

app_name = "events"

urlpatterns = [
    path("", public_page("events")(views.EventListView.as_view()), name="list"),
    path("calendar/", public_page("events")(views.EventCalendarView.as_view()), name="calendar"),
    path("feed.ics", views.PublicFeedView.as_view(), name="feed"),
    path("feed/<str:token>.ics", views.PrivateFeedView.as_view(), name="private-feed"),
    path("my-calendar/", views.MyCalendarView.as_view(), name="my-calendar"),
    path("confirm/<str:token>/", views.GuestConfirmView.as_view(), name="guest-confirm"),
    path("cancel/<str:token>/", views.GuestCancelView.as_view(), name="guest-cancel"),
    path("cancel/<str:token>/materials/<int:pk>/", views.GuestMaterialView.as_view(), name="guest-material"),
    path("cancel/<str:token>/certificate.pdf", views.GuestCertificateView.as_view(), name="guest-certificate"),
    path("<slug:slug>/", public_page("events")(views.EventDetailView.as_view()), name="detail"),
    path("<slug:slug>/event.ics", views.EventIcsView.as_view(), name="ics"),
    path("<slug:slug>/register/", same_origin_post(views.EventRegisterView.as_view()), name="register"),
    path("<slug:slug>/cancel/", views.EventCancelView.as_view(), name="cancel"),
    path("<slug:slug>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path("<slug:slug>/materials/<int:pk>/", views.MaterialView.as_view(), name="material"),
    path("<slug:slug>/certificate.pdf", views.CertificateView.as_view(), name="certificate"),
]
