from django.urls import path

from . import views

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
    path("feed/<str:token>.ics", views.BusyFeedView.as_view(), name="busy_feed"),
    path("<slug:slug>/", views.PersonDetailView.as_view(), name="detail"),
]
