"""The coordinator's desk in the admin (dashboard, chart data, exports, member import)
and the public "cluster in numbers" page.

Admin pages go through ``admin.site.admin_view`` (staff login, no caching) and then
check one of the desk's permissions, which the "Coordinator" group holds.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core import spreadsheets

from . import selectors, services
from .charts import Chart, Series, render_csv, render_svg
from .forms import MemberImportForm, PeriodForm
from .resources import EXPORTS

IMPORT_SALT = "desk.import-members"


def _chart_context(request) -> dict:
    form = PeriodForm(request.GET if "start" in request.GET or "end" in request.GET else None)
    period = form.period()
    empty = _("Nothing in this period.")
    charts = [{"chart": chart, "svg": render_svg(chart, empty_text=empty)} for chart in selectors.all_charts(period)]
    return {"period_form": form, "period": period, "charts": charts, "query": request.GET.urlencode()}


def dashboard(request, extra_context=None):
    """The admin home: what needs attention now and the activity charts, above the
    usual list of models. Staff without the desk permission see the list only."""
    context = dict(extra_context or {})
    if request.user.has_perm("desk.view_dashboard"):
        context["desk"] = {"attention": selectors.attention(), **_chart_context(request)}
        context.setdefault("title", _("Coordinator's desk"))
    return admin.site.index(request, extra_context=context)


class DeskAdminMixin(PermissionRequiredMixin):
    raise_exception = True

    def admin_context(self, title: str) -> dict:
        return {**admin.site.each_context(self.request), "title": title}


class ChartCSVView(DeskAdminMixin, View):
    permission_required = "desk.view_dashboard"

    def get(self, request, slug):
        build = selectors.CHARTS.get(slug)
        if build is None:
            raise Http404
        period = PeriodForm(request.GET or None).period()
        response = HttpResponse("\ufeff" + render_csv(build(period)), content_type="text/csv; charset=utf-8")
        name = f"{slug}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ExportIndexView(DeskAdminMixin, TemplateView):
    permission_required = "desk.export_data"
    template_name = "desk/admin/export.html"

    def get_context_data(self, **kwargs):
        kinds = [
            ("members", _("Members with their services")),
            ("leads", _("Production leads with the firms interested")),
            ("registrations", _("Event registrations")),
            ("deliveries", _("Digest deliveries")),
            ("calls", _("Firms on funding calls and tenders, with their outcomes")),
        ]
        return {**super().get_context_data(**kwargs), **self.admin_context(_("Exports")), "kinds": kinds}


class ExportView(DeskAdminMixin, View):
    permission_required = "desk.export_data"

    def get(self, request, kind):
        resource_class = EXPORTS.get(kind)
        file_format = request.GET.get("format", "csv")
        if resource_class is None or file_format not in spreadsheets.FORMATS:
            raise Http404
        return spreadsheets.export_response(resource_class(file_format=file_format), name=kind)


class ImportMembersView(DeskAdminMixin, View):
    """Upload → dry run (nothing saved; bad rows listed with reasons) → confirm → import.

    The confirm form carries the previewed file signed, so what is imported is exactly
    what was previewed, and is checked again in the real run.
    """

    permission_required = ("desk.import_members", "members.add_member", "members.change_member")
    template_name = "desk/admin/import_members.html"

    def get(self, request):
        return self.render(form=MemberImportForm())

    def post(self, request):
        if "payload" in request.POST:
            return self.confirm(request)
        form = MemberImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form=form)
        text = form.cleaned_data["file"]
        report = services.members_import(text=text, dry_run=True)
        payload = signing.dumps(text, salt=IMPORT_SALT, compress=True) if report.ok else ""
        return self.render(form=MemberImportForm(), report=report, payload=payload)

    def confirm(self, request):
        try:
            text = signing.loads(request.POST["payload"], salt=IMPORT_SALT, max_age=3600)
        except signing.BadSignature:
            messages.error(request, _("The preview has expired or was altered. Upload the file again."))
            return redirect("desk_admin:import-members")
        report = services.members_import(text=text, dry_run=False)
        if not report.ok:
            return self.render(form=MemberImportForm(), report=report, payload="")
        messages.success(
            request,
            _("Members imported: %(new)d new, %(updated)d updated.") % {"new": report.new, "updated": report.updated},
        )
        return redirect(reverse("admin:members_member_changelist"))

    def render(self, **context):
        context = {**self.admin_context(_("Import members from CSV")), **context}
        return TemplateResponse(self.request, self.template_name, context)


class ClusterNumbersView(TemplateView):
    template_name = "desk/numbers.html"

    def get_context_data(self, **kwargs):
        numbers = selectors.cached_cluster_numbers()
        by_category = numbers["members_by_category"]
        chart = Chart(
            "members-by-service",
            _("Member firms by service"),
            "hbar",
            [name for name, _count in by_category],
            [Series(_("firms"), [count for _name, count in by_category])],
        )
        return {**super().get_context_data(**kwargs), "numbers": numbers, "members_chart": render_svg(chart)}
