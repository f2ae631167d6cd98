"""What members write here is plain text: shown with its line breaks and with web
addresses made into links, and nothing else.

Django's ``urlize`` escapes everything that is not an address, and nh3 then keeps only
paragraphs, line breaks and ``http(s)``/``mailto`` links (with ``rel="nofollow ugc"``),
so no markup a member types ever reaches the page.
"""

import nh3
from django.utils.html import linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"a", "p", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def render_plain_text(text: str) -> SafeString:
    if not text or not text.strip():
        return mark_safe("")  # noqa: S308 - empty
    html = linebreaks(urlize(text, trim_url_limit=60, nofollow=True, autoescape=True), autoescape=False)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow ugc noopener noreferrer",
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - escaped by urlize, then cleaned by nh3
