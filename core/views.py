import json
import logging

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView, TemplateView
from django.views.static import serve

from . import health, home, ratelimit
from .branding import current as current_branding
from .search.site import site_search, suggestions


class HomeView(TemplateView):
    """Pictures first: the sections the apps register (core.home), cached."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(sections=home.sections(), **kwargs)


class HealthView(View):
    """JSON state of the database, Redis and the Celery workers; 200 only when all are up."""

    def get(self, request):
        checks = health.run_checks()
        failing = [name for name, result in checks.items() if not result["ok"]]
        body = {"status": "fail" if failing else "ok", "failing": failing, "checks": checks}
        response = JsonResponse(body, status=503 if failing else 200)
        response["Cache-Control"] = "no-store"
        return response


csp_logger = logging.getLogger("core.csp")


@method_decorator(csrf_exempt, name="dispatch")  # browsers post reports without a token
class CspReportView(View):
    """Where browsers report Content-Security-Policy violations: logged, at most
    ``CSP_REPORT_RATE`` per client address, so a flood neither fills the logs nor costs."""

    MAX_BYTES = 16 * 1024

    def post(self, request):
        if not ratelimit.hit(request, "csp-report", settings.CSP_REPORT_RATE):
            return HttpResponse(status=429)
        if int(request.META.get("CONTENT_LENGTH") or 0) > self.MAX_BYTES:
            return HttpResponse(status=413)
        try:
            report = json.loads(request.body or b"{}")
        except ValueError:
            return HttpResponse(status=400)
        body = report.get("csp-report", report) if isinstance(report, dict) else {"reports": report}
        csp_logger.warning(
            "CSP violation: %s blocked %s on %s",
            str(body.get("effective-directive") or body.get("violated-directive") or "?")[:100],
            str(body.get("blocked-uri") or "?")[:300],
            str(body.get("document-uri") or "?")[:300],
        )
        return HttpResponse(status=204)


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


class FaviconView(RedirectView):
    """/favicon.ico, which browsers and crawlers ask for whatever the page says, leads to
    the icon among the static files (hashed and long-cached there)."""

    permanent = False  # the hashed name changes with the icon

    def get_redirect_url(self, *args, **kwargs):
        return static("core/favicon.ico")


class BrandingStylesheetView(View):
    """The coordinator's colours as the stylesheet's custom properties. Pages link it with
    the branding's version in the address, so it may be kept for a year."""

    def get(self, request, *args, **kwargs):
        rules = "".join(f"{prop}:{value};" for prop, value in current_branding().colours.items())
        response = HttpResponse(f":root{{{rules}}}\n", content_type="text/css; charset=utf-8")
        patch_cache_control(response, public=True, max_age=365 * 24 * 3600)
        return response


# What an uploaded file may be shown as inside the browser; anything else is a download,
# so even a stored HTML or SVG file can never run as a page of the portal.
INLINE_MEDIA_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif", "application/pdf"}


def serve_media(request, path, document_root=None):
    """Uploads in development and tests (production: the proxy or the bucket, with the same
    headers, see README): nosniff comes from SecurityMiddleware."""
    response = serve(request, path, document_root=document_root)
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    response["Content-Disposition"] = "inline" if content_type in INLINE_MEDIA_TYPES else "attachment"
    return response
