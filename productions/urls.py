from django.urls import path

from . import views

app_name = "productions"

urlpatterns = [
    path("", views.IndexView.as_view(), name="list"),
]
urlpatterns += [path("inquiry/", views.IndexView.as_view(), name="inquiry")]
