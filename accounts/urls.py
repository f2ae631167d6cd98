from django.urls import path

from . import company_views, views

app_name = "accounts"

urlpatterns = [
    path("my-company/", company_views.CompanyIndexView.as_view(), name="company_index"),
    path("my-company/<slug:slug>/", company_views.CompanyEditView.as_view(), name="company_edit"),
    path("my-company/<slug:slug>/preview/", company_views.CompanyPreviewView.as_view(), name="company_preview"),
    path("my-company/<slug:slug>/history/", company_views.CompanyHistoryView.as_view(), name="company_history"),
    path("my-company/<slug:slug>/team/", company_views.TeamView.as_view(), name="team"),
    path(
        "my-company/<slug:slug>/team/members/<int:pk>/remove/",
        company_views.MembershipRemoveView.as_view(),
        name="team_remove",
    ),
    path(
        "my-company/<slug:slug>/team/invitations/<int:pk>/revoke/",
        company_views.InvitationRevokeView.as_view(),
        name="team_invitation_revoke",
    ),
    path(
        "my-company/<slug:slug>/team/invitations/<int:pk>/resend/",
        company_views.InvitationResendView.as_view(),
        name="team_invitation_resend",
    ),
    path("my-company/<slug:slug>/<str:kind>/", company_views.CompanyListEditView.as_view(), name="company_list"),
    path("invitation/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
    path("join/", views.JoinView.as_view(), name="join"),
    path("join/thanks/", views.JoinThanksView.as_view(), name="join_thanks"),
    path("account/", views.AccountSettingsView.as_view(), name="settings"),
    path("account/privacy/", views.PrivacyCenterView.as_view(), name="privacy_center"),
    path("account/privacy/export/", views.DataExportView.as_view(), name="data_export"),
    path("account/privacy/delete/", views.AccountDeleteView.as_view(), name="account_delete"),
    path("privacy/", views.PrivacyPolicyView.as_view(), name="privacy_policy"),
]
