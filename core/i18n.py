"""The language switch and the language cookie: one mechanism for every page.

A page under ``/pl/…`` or ``/en/…`` is in the language of its prefix. Its address in the
other language is worked out while the *path's own* language is active
(``translate_path``): Django's ``translate_url`` resolves a path with the request's
active language, so an English browser holding a ``/pl/…`` link used to get the Polish
address back, and ``POST /i18n/setlang/`` left it on the Polish page. Resolving under
the path's prefix keeps the same view, the same object and the same query string, from
any browser language, cookie or login.

- On a prefixed page the switch is two plain links (cacheable, no JavaScript, no token).
- On pages outside the prefix (allauth's ``/accounts/…``, the admin) the switch is a
  form posting to ``/i18n/setlang/`` (``core.views.SetLanguageView``), which sets the
  cookie and returns to the same address.
- The language cookie follows the language a person chose and reads
  (``LanguageCookieMiddleware`` and the switch's links): after switching to Polish,
  ``/``, ``/accounts/…`` and the admin are Polish too, whatever the browser says. A link
  from a page to a page outside the prefix (the header's "Log in") and a link in an
  email carry ``?lang=<code>`` (``localized_path``, ``absolute_url``), which the
  middleware honours, so they open in the language of the page or of the recipient.
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_urlconf, reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language_from_path

# The query parameter that names the language of a page outside the language prefix.
LANGUAGE_PARAMETER = "lang"


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def translate_path(path: str, language: str) -> str:
    """``path`` (with its query string) in ``language``; unchanged outside the prefix.

    A page names its own address in every language several times (the switch, the
    hreflang alternates, the canonical links), each a resolve and a reverse: the
    translation of a path without its query string is kept per URLconf (it depends on
    nothing else), and the query string is put back as written."""
    parts = urlsplit(path)
    own = get_language_from_path(parts.path)
    if own is None:
        return path
    translated = _translated(get_urlconf() or settings.ROOT_URLCONF, own, parts.path, language)
    return urlunsplit((parts.scheme, parts.netloc, translated, parts.query, parts.fragment))


@functools.lru_cache(maxsize=4096)
def _translated(urlconf: str, own: str, path: str, language: str) -> str:
    with translation.override(own):
        return translate_url(path, language)


@receiver(setting_changed)
def _forget_translations(*, setting, **kwargs):
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"):
        _translated.cache_clear()


def _query_without_language(query: str) -> list[str]:
    # The other parameters are kept exactly as written (no re-encoding).
    return [part for part in query.split("&") if part and part.split("=", 1)[0] != LANGUAGE_PARAMETER]


def with_language_parameter(path: str, language: str) -> str:
    """A path outside the prefix with ``?lang=`` set (any previous one replaced)."""
    parts = urlsplit(path)
    query = "&".join([*_query_without_language(parts.query), f"{LANGUAGE_PARAMETER}={language}"])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def without_language_parameter(path: str) -> str:
    parts = urlsplit(path)
    query = "&".join(_query_without_language(parts.query))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def localized_path(path: str, language: str) -> str:
    """``path`` as the reader of ``language`` should open it, prefixed or not."""
    if get_language_from_path(urlsplit(path).path) is not None:
        return translate_path(path, language)
    return with_language_parameter(path, language)


def absolute_url(path: str, language: str) -> str:
    """An address for an email to a reader of ``language``: it opens in their language."""
    return settings.SITE_URL + localized_path(path, language)


def switch_links(request) -> list[dict]:
    """The header's language switch for the current page.

    Each entry has ``code``, ``name`` (in its own language), ``current`` and either
    ``url`` (a prefixed page: a plain link) or ``next`` (outside the prefix: the form's
    return address, the same page).
    """
    path = request.get_full_path()
    current = translation.get_language()
    prefixed = get_language_from_path(request.path_info) is not None
    links = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            name = str(translation.get_language_info(code)["name_local"]).capitalize()
        entry = {"code": code, "name": name, "current": code == current}
        if prefixed:
            entry["url"] = translate_path(path, code)
        else:
            entry["next"] = without_language_parameter(path)
        links.append(entry)
    return links


def _language_for_unprefixed_pages(request) -> str:
    """What ``LocaleMiddleware`` would choose for ``/`` or ``/accounts/…`` right now."""
    return translation.get_language_from_request(request, check_path=False)


def set_language_cookie(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def _login_redirect_in_language(response, language: str) -> None:
    """A members-only page under ``/en/…`` sends an anonymous visitor to the login page
    (outside the prefix) with ``next=``; ``?lang=`` makes that page English too, whatever
    the browser or the cookie says. Every access check (``LoginRequiredMixin``, the
    members' mixins, ``login_required``) redirects through here, so none has to know."""
    location = response.get("Location", "")
    parts = urlsplit(location)
    if parts.netloc or parts.path != reverse(settings.LOGIN_URL):
        return
    if any(part.split("=", 1)[0] == LANGUAGE_PARAMETER for part in parts.query.split("&")):
        return
    response["Location"] = with_language_parameter(location, language)


class LanguageCookieMiddleware:
    """Keeps the language cookie in step with the language a person reads.

    Placed after ``LocaleMiddleware``. On a page outside the prefix, ``?lang=<code>`` (a
    link from a page in that language, or from an email) chooses the language and sets
    the cookie. On a prefixed page, a cookie that names the other language is moved to the
    page's one. A visitor who never chose gets no cookie from reading, so an anonymous
    public page sets none and stays in the shared page cache (``core.pagecache``); the
    switch's links set it in the browser as they are followed (``static/core/portal.js``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = None
        if get_language_from_path(request.path_info) is None:
            asked = request.GET.get(LANGUAGE_PARAMETER, "")
            if asked in language_codes():
                chosen = asked
                translation.activate(chosen)
                request.LANGUAGE_CODE = chosen
                stale = _language_for_unprefixed_pages(request) != chosen
        else:
            chosen = translation.get_language()
            cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            stale = cookie is not None and cookie != chosen
        prefixed = get_language_from_path(request.path_info) is not None
        response = self.get_response(request)
        if prefixed and response.status_code in (301, 302):
            _login_redirect_in_language(response, translation.get_language())
        if chosen and stale and response.status_code < 400 and settings.LANGUAGE_COOKIE_NAME not in response.cookies:
            set_language_cookie(response, chosen)
        return response
