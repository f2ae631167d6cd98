"""The one gallery include (templates/includes/gallery.html) on its three pages: the
same markup for the lightbox, each picture's own text as alt text, the page's name
when a picture has none, and escaped."""

import re

import pytest
from django.core.files.base import ContentFile
from django.utils import translation

from filming.models import GuideImage
from tests.factories.filming import GuidePageFactory
from tests.factories.locations import LocationFactory, LocationPhotoFactory
from tests.factories.members import GalleryImageFactory, MemberFactory, png_bytes

pytestmark = pytest.mark.django_db

GALLERY = re.compile(r'<ul class="gallery"\s+role="list"\s+data-lightbox="([^"]*)"')


def alts(html: str) -> list[str]:
    gallery = html[html.index('<ul class="gallery"') :]
    gallery = gallery[: gallery.index("</ul>")]
    return re.findall(r'<img src="[^"]+"\s+alt="([^"]*)"', gallery)


def test_gallery_on_a_member_profile_names_the_member_and_falls_back_to_its_name(client):
    member = MemberFactory(slug="swiatlo", name="Światło <Studio>")
    GalleryImageFactory(member=member, caption_en="Lamps on a truss", position=0)
    GalleryImageFactory(member=member, caption_en="", caption_pl="", position=1)

    html = client.get("/en/members/swiatlo/").text

    assert GALLERY.search(html).group(1) == "Gallery: Światło &lt;Studio&gt;"
    assert alts(html) == ["Lamps on a truss", "Światło &lt;Studio&gt;"]
    assert html.count("data-lightbox-item") == 2
    assert html.count("<figcaption>") == 1  # only the picture that has a caption


def test_gallery_on_a_location_uses_the_photos_alt_text_in_polish(client):
    location = LocationFactory(slug="zamek", name_pl="Zamek", name_en="Castle")
    LocationPhotoFactory(location=location, alt_text_pl="Baszta o zmierzchu", alt_text_en="The keep at dusk")

    html = client.get("/pl/locations/zamek/").text

    assert GALLERY.search(html).group(1) == "Zdjęcia: Zamek"
    assert alts(html) == ["Baszta o zmierzchu"]
    assert '<h2 id="photos-heading">Zdjęcia</h2>' in html


def test_gallery_on_a_guide_page(client):
    page = GuidePageFactory(slug="drones", title_en="Drones")
    GuideImage.objects.create(page=page, image=_png("drone.png"), caption_en="A drone over the lake")

    with translation.override("en"):
        url = page.get_absolute_url()

    html = client.get(url).text

    assert GALLERY.search(html).group(1) == "Pictures: Drones"
    assert alts(html) == ["A drone over the lake"]


def _png(name):
    return ContentFile(png_bytes(), name=name)
