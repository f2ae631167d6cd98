from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from . import health
from .search.site import site_search, suggestions


class HomeView(TemplateView):
    template_name = "core/home.html"


class HealthView(View):
    """JSON state of the database, Redis and the Celery workers; 200 only when all are up."""

    def get(self, request):
        checks = health.run_checks()
        failing = [name for name, result in checks.items() if not result["ok"]]
        body = {"status": "fail" if failing else "ok", "failing": failing, "checks": checks}
        response = JsonResponse(body, status=503 if failing else 200)
        response["Cache-Control"] = "no-store"
        return response


class RobotsView(View):
    def get(self, request):
        sitemap_url = request.build_absolute_uri(reverse("django.contrib.sitemaps.views.sitemap"))
        lines = [
            "User-agent: *",
            "Disallow: /admin/",
            "Disallow: /accounts/",
            "Disallow: /pl/productions/",
            "Disallow: /en/productions/",
            "Allow: /pl/productions/inquiry/",
            "Allow: /en/productions/inquiry/",
            "Allow: /pl/productions/showcase/",
            "Allow: /en/productions/showcase/",
            "Disallow: /pl/cooperation/",
            "Disallow: /en/cooperation/",
            f"Sitemap: {sitemap_url}",
            "",
        ]
        return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


class SearchView(TemplateView):
    """The whole portal's search: members, news, events, the showcase, and for members the
    members-only leads, posts and events (each provider applies its own rule)."""

    template_name = "core/search.html"

    def get_context_data(self, **kwargs):
        raw = self.request.GET.get("q", "")[:200].replace("\x00", "")
        results = site_search(raw, user=self.request.user, correct=not self.request.GET.get("verbatim"))
        return super().get_context_data(q=raw, results=results, **kwargs)


class SearchSuggestView(View):
    """Names and categories for the search box while typing (JSON)."""

    def get(self, request):
        raw = request.GET.get("q", "")[:100].replace("\x00", "")
        found = [
            {"label": item.label, "url": item.url, "kind": item.kind} for item in suggestions(raw, user=request.user)
        ]
        response = JsonResponse({"suggestions": found})
        response["Cache-Control"] = "private, max-age=60"
        return response
