from django.urls import path

from . import views

app_name = "productions"

urlpatterns = [
    path("", views.LeadListView.as_view(), name="list"),
    path("<int:pk>/", views.LeadDetailView.as_view(), name="detail"),
    path("<int:pk>/interest/", views.LeadInterestView.as_view(), name="interest"),
    path("<int:pk>/interest/withdraw/", views.LeadWithdrawView.as_view(), name="withdraw"),
    path("answer/<str:token>/", views.LeadAnswerView.as_view(), name="answer"),
    path("alerts/", views.LeadAlertPreferenceView.as_view(), name="alerts"),
    path("inquiry/", views.InquiryCreateView.as_view(), name="inquiry"),
    path("inquiry/thanks/", views.InquiryThanksView.as_view(), name="inquiry_thanks"),
    path("showcase/", views.ShowcaseListView.as_view(), name="showcase"),
    path("showcase/feed/", views.ShowcaseFeed(), name="showcase_feed"),
    path("showcase/<int:pk>/", views.ShowcaseDetailView.as_view(), name="showcase_detail"),
]
