from django.urls import path

from . import team_views, views

app_name = "accounts"

# The team pages sit inside the firm's "My company" area (members.urls), before its
# <kind> lists; the root URLconf includes these first.

urlpatterns = [
    path("my-company/<slug:slug>/team/", team_views.TeamView.as_view(), name="team"),
    path(
        "my-company/<slug:slug>/team/members/<int:pk>/remove/",
        team_views.MembershipRemoveView.as_view(),
        name="team_remove",
    ),
    path(
        "my-company/<slug:slug>/team/invitations/<int:pk>/revoke/",
        team_views.InvitationRevokeView.as_view(),
        name="team_invitation_revoke",
    ),
    path(
        "my-company/<slug:slug>/team/invitations/<int:pk>/resend/",
        team_views.InvitationResendView.as_view(),
        name="team_invitation_resend",
    ),
    path("invitation/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
    path("join/", views.JoinView.as_view(), name="join"),
    path("join/thanks/", views.JoinThanksView.as_view(), name="join_thanks"),
    path("account/", views.AccountSettingsView.as_view(), name="settings"),
    path("account/privacy/", views.PrivacyCenterView.as_view(), name="privacy_center"),
    path("account/privacy/export/", views.DataExportView.as_view(), name="data_export"),
    path("account/privacy/delete/", views.AccountDeleteView.as_view(), name="account_delete"),
    path("privacy/", views.PrivacyPolicyView.as_view(), name="privacy_policy"),
]
