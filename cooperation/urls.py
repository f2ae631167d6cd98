from django.urls import path

from . import views

app_name = "cooperation"

urlpatterns = [
    path("", views.RequestListView.as_view(), name="list"),
    path("new/", views.RequestCreateView.as_view(), name="create"),
    path("calls/", views.MyCallsView.as_view(), name="my_calls"),
    path("calls/<int:pk>/mark/", views.CallMarkView.as_view(), name="call_mark"),
    path("calls/<int:pk>/unmark/", views.CallUnmarkView.as_view(), name="call_unmark"),
    path("leads/<int:pk>/team/<str:action>/", views.TeamView.as_view(), name="team"),
    path("settings/", views.PreferenceView.as_view(), name="preferences"),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path("<int:pk>/", views.RequestDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.RequestUpdateView.as_view(), name="edit"),
    path("<int:pk>/status/", views.RequestStatusView.as_view(), name="status"),
    path("<int:pk>/answer/", views.AnswerView.as_view(), name="answer"),
    path("<int:pk>/answer/withdraw/", views.AnswerWithdrawView.as_view(), name="answer_withdraw"),
    path("<int:pk>/messages/", views.MessageCreateView.as_view(), name="message"),
    path("<int:pk>/follow/", views.FollowView.as_view(), name="follow"),
    path("<int:pk>/report/", views.ReportView.as_view(), name="report"),
    path("<int:pk>/moderate/<str:kind>/<int:item>/", views.ModerationView.as_view(), name="moderate"),
]
