"""The desk's admin pages, mounted at /admin/desk/ before the admin site's own URLs."""

from django.contrib import admin
from django.urls import path

from . import views

app_name = "desk_admin"

urlpatterns = [
    path("charts/<slug:slug>.csv", admin.site.admin_view(views.ChartCSVView.as_view()), name="chart-csv"),
    path("export/", admin.site.admin_view(views.ExportIndexView.as_view()), name="export-index"),
    path("export/<slug:kind>/", admin.site.admin_view(views.ExportView.as_view()), name="export"),
    path("import-members/", admin.site.admin_view(views.ImportMembersView.as_view()), name="import-members"),
]
