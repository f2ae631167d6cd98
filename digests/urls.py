from django.urls import path

from . import views

app_name = "digests"

urlpatterns = [
    path("account/digest/", views.DigestPreferenceUpdateView.as_view(), name="preferences"),
    path("digest/unsubscribe/<str:token>/", views.DigestUnsubscribeView.as_view(), name="unsubscribe"),
]
