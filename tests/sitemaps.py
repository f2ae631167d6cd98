"""Reading the sitemap as a crawler does: the index, then every page it lists."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap_pages(client) -> list[bytes]:
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    root = ElementTree.fromstring(index.content)  # noqa: S314 - our own response
    pages = []
    for loc in root.findall("s:sitemap/s:loc", NS):
        url = urlsplit(loc.text)
        response = client.get(url.path + (f"?{url.query}" if url.query else ""))
        assert response.status_code == 200
        pages.append(response.content)
    return pages


def sitemap_text(client) -> str:
    return "\n".join(page.decode() for page in sitemap_pages(client))


def sitemap_urls(client) -> list[ElementTree.Element]:
    """Every <url> element of every page."""
    return [url for page in sitemap_pages(client) for url in ElementTree.fromstring(page).findall("s:url", NS)]  # noqa: S314
