from django.urls import path

from . import calendar_views, views

app_name = "people"

urlpatterns = [
    path("", views.PersonListView.as_view(), name="list"),
    path("me/", views.PersonSelfEditView.as_view(), name="me"),
    path("me/availability/", views.PersonAvailabilityView.as_view(), name="availability"),
    path("me/availability/<int:pk>/delete/", views.PeriodDeleteView.as_view(), name="period_delete"),
    path("claim/<str:token>/", views.PersonClaimView.as_view(), name="claim"),
    path("shortlist/toggle/", views.PersonShortlistToggleView.as_view(), name="shortlist_toggle"),
    path("holds/lead/<int:lead_pk>/", views.LeadHoldsView.as_view(), name="lead_holds"),
    path("holds/<int:pk>/confirm/", views.HoldConfirmView.as_view(), name="hold_confirm"),
    path("calendars/company/<slug:slug>/", calendar_views.CompanyCalendarsView.as_view(), name="company_calendars"),
    path(
        "calendars/company/<slug:slug>/resource/<int:pk>/",
        calendar_views.ResourceCalendarView.as_view(),
        name="resource_calendar",
    ),
    path(
        "calendars/company/<slug:slug>/resource/<int:pk>/import/",
        calendar_views.ResourceImportFeedView.as_view(),
        name="resource_calendar_import",
    ),
    path(
        "calendars/company/<slug:slug>/resource/<int:pk>/feed-key/",
        calendar_views.ResourceFeedKeyView.as_view(),
        name="resource_calendar_feed_key",
    ),
    path(
        "calendars/company/<slug:slug>/resource/<int:pk>/<int:period_pk>/delete/",
        calendar_views.ResourcePeriodDeleteView.as_view(),
        name="resource_period_delete",
    ),
    path("calendars/location/<slug:slug>/", calendar_views.LocationCalendarView.as_view(), name="location_calendar"),
    path(
        "calendars/location/<slug:slug>/import/",
        calendar_views.LocationImportFeedView.as_view(),
        name="location_calendar_import",
    ),
    path(
        "calendars/location/<slug:slug>/feed-key/",
        calendar_views.LocationFeedKeyView.as_view(),
        name="location_calendar_feed_key",
    ),
    path(
        "calendars/location/<slug:slug>/<int:period_pk>/delete/",
        calendar_views.LocationPeriodDeleteView.as_view(),
        name="location_period_delete",
    ),
    path("feed/<str:kind>/<int:pk>/<str:key>.ics", calendar_views.OwnerBusyFeedView.as_view(), name="owner_busy_feed"),
    path("feed/<str:token>.ics", views.BusyFeedView.as_view(), name="busy_feed"),
    path("<slug:slug>/", views.PersonDetailView.as_view(), name="detail"),
]
