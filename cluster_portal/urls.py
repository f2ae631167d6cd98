"""URL map. Pages a person reads live under /pl/ and /en/; machine endpoints do not."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from accounts import views as accounts_views
from accounts.sitemaps import AccountsPagesSitemap
from core import sitemaps as core_sitemaps
from core import views as core_views
from desk import views as desk_views
from desk.sitemaps import DeskPagesSitemap
from events.sitemaps import EventsSitemap
from filming.sitemaps import FilmingPagesSitemap, GuideSitemap
from locations.sitemaps import LocationsSitemap
from members.sitemaps import MembersSitemap
from news.sitemaps import NewsSitemap
from people.sitemaps import PeopleSitemap
from productions.sitemaps import ProductionsShowcaseSitemap

# Each app's public pages, one section (and one or more sitemap pages) per kind.
sitemaps = {
    "pages": core_sitemaps.StaticPagesSitemap,
    "news": NewsSitemap,
    "members": MembersSitemap,
    "productions": ProductionsShowcaseSitemap,
    "events": EventsSitemap,
    "people": PeopleSitemap,
    "locations": LocationsSitemap,
    "accounts": AccountsPagesSitemap,
    "desk": DeskPagesSitemap,
    "filming": FilmingPagesSitemap,
    "filming-guide": GuideSitemap,
}

urlpatterns = [
    path("healthz", core_views.HealthView.as_view(), name="healthz"),
    path("robots.txt", core_views.RobotsView.as_view(), name="robots"),
    path("csp-report", core_views.CspReportView.as_view(), name="csp-report"),
    path("favicon.ico", core_views.FaviconView.as_view(), name="favicon"),
    path("branding.css", core_views.BrandingStylesheetView.as_view(), name="branding-css"),
    path(
        "sitemap.xml",
        core_sitemaps.index,
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("sitemap-<section>.xml", core_sitemaps.section, {"sitemaps": sitemaps}, name="sitemap-section"),
    # Django's set_language translated `next` in the request's language, not the page's.
    path("i18n/setlang/", core_views.SetLanguageView.as_view(), name="set_language"),
    # A login lockout answers 429 (allauth answers the form again with 200).
    path("accounts/login/", accounts_views.RateLimitedLoginView.as_view(), name="account_login"),
    path("accounts/", include("allauth.urls")),
    # The coordinator's desk: the dashboard is the admin home, its pages come before the site's.
    path("admin/", admin.site.admin_view(desk_views.dashboard), name="desk-dashboard"),
    path("admin/desk/", include("desk.admin_urls")),
    path("admin/login/", accounts_views.admin_login, name="admin-login"),
    path("admin/", admin.site.urls),
]

# allauth's rate limits (password reset, email confirmation) answer with this.
handler429 = "accounts.views.allauth_rate_limited"

urlpatterns += i18n_patterns(
    path("", include("core.urls")),
    path("productions/", include("productions.urls")),
    path("news/", include("news.urls")),
    path("events/", include("events.urls")),
    path("cooperation/", include("cooperation.urls")),
    path("people/", include("people.urls")),
    path("filming/", include("filming.urls")),
    path("locations/", include("locations.urls")),
    path("numbers/", include("desk.urls")),
    path("", include("digests.urls")),
    path("", include("accounts.urls")),
    path("", include("members.urls")),
    prefix_default_language=True,
)

if not settings.PRODUCTION and settings.MEDIA_URL.startswith("/"):
    # Development and tests serve uploads themselves; production serves them from the
    # proxy or the S3-compatible bucket (see README, "Deploying").
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            core_views.serve_media,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]
