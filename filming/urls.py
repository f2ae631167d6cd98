from django.urls import path

from core.pagecache import public_page

from . import views

app_name = "filming"

urlpatterns = [
    path("", public_page("filming")(views.GuideIndexView.as_view()), name="index"),
    path("incentives/", public_page("filming")(views.IncentiveListView.as_view()), name="incentives"),
    path("estimate/", views.EstimateView.as_view(), name="estimate"),
    path("estimate/email/", views.EstimateEmailView.as_view(), name="estimate_email"),
    path("estimate/inquiry/", views.EstimateInquiryView.as_view(), name="estimate_inquiry"),
    path("estimate/sent/", views.EstimateInquirySentView.as_view(), name="inquiry_sent"),
    path("<slug:slug>/", public_page("filming")(views.GuidePageView.as_view()), name="page"),
]
