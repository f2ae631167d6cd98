"""The home page: pictures of the cluster's work in a fixed number of queries, cached,
and fresh again as soon as something it shows changes."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from members.models import Member
from productions.models import LeadResponse, ProductionLead
from tests.factories.events import EventFactory, MembersOnlyEventFactory
from tests.factories.members import (
    GalleryImageFactory,
    MemberFactory,
    MemberServiceFactory,
    ServiceCategoryFactory,
    png_bytes,
)
from tests.factories.news import CallFactory, MembersOnlyPostFactory, PostFactory
from tests.factories.productions import ProductionLeadFactory

pytestmark = pytest.mark.django_db

# Cold cache: sessions none (anonymous), numbers 6, offer 5, work 2, showcase 2, events 1,
# news 2, logos 2, locations 1. Warm cache: none at all.
COLD_QUERIES = 21


def png_upload(name="p.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def make_cluster(size):
    rental = ServiceCategoryFactory(slug="rental", name_en="Equipment rental", name_pl="Wypożyczalnie", position=0)
    lighting = ServiceCategoryFactory(slug="lighting", name_en="Lighting", name_pl="Oświetlenie", parent=rental)
    post = ServiceCategoryFactory(
        slug="post-production", name_en="Post-production", name_pl="Postprodukcja", position=9
    )
    for n in range(size):
        member = MemberFactory(name=f"Firm {n:03d}", logo=png_upload(f"logo{n}.png"))
        MemberServiceFactory(member=member, category=lighting if n % 2 else post)
        GalleryImageFactory(member=member, caption_en=f"Still {n}")
    wrapped = dict(status=ProductionLead.Status.WRAPPED, visibility=ProductionLead.Visibility.PUBLIC)
    for n in range(size // 2 + 1):
        lead = ProductionLeadFactory(
            title_en=f"Film {n}", image=png_upload(), image_alt_en=f"A frame of film {n}", **wrapped
        )
        LeadResponse.objects.create(lead=lead, member=Member.objects.first(), status=LeadResponse.Status.CONTRACTED)
        EventFactory(title_en=f"Workshop {n}", image=png_upload())
        PostFactory(title_en=f"News {n}")
        CallFactory(title_en=f"Call {n}", deadline=timezone.now() + timedelta(days=10 + n))


@pytest.mark.parametrize("size", [4, 40])
def test_home_costs_the_same_queries_for_a_small_and_a_large_cluster(client, django_assert_num_queries, size):
    make_cluster(size)
    client.get("/en/")  # thumbnails are made once
    cache.delete_many(
        [f"home:{name}:en" for name in ("numbers", "offer", "work", "showcase", "events", "news", "logos", "locations")]
    )
    cache.delete("desk:numbers:en")

    with django_assert_num_queries(COLD_QUERIES):
        response = client.get("/en/")
    with django_assert_num_queries(0):
        again = client.get("/en/")

    assert response.status_code == 200
    token = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub(b"", again.content) == token.sub(b"", response.content)
    html = response.content.decode()
    assert html.count('class="work-grid__caption"') == min(size, 9)
    assert len(re.findall(r'<img src="[^"]+200x125\.webp" alt="Firm \d+"', html)) == min(size, 18)


def test_offer_cards_lead_into_the_catalogue_filtered_by_their_service_area(client):
    make_cluster(4)

    html = client.get("/en/").content.decode()

    offer = html[html.index('id="offer-heading"') : html.index('id="work-heading"')]
    assert re.findall(r'<h3 class="tile__title">\s*<a href="([^"]+)">([^<]+)</a>', offer) == [
        ("/en/members/?service=rental", "Equipment rental"),
        ("/en/members/?service=post-production", "Post-production"),
    ]
    assert offer.count('<img class="picture" src="/media/thumbs/') == 2
    assert "2 members" in offer


def test_home_shows_only_what_the_public_may_see(client):
    make_cluster(4)
    MembersOnlyPostFactory(title_en="Members-only news")
    MembersOnlyEventFactory(title_en="Members-only meeting")
    ProductionLeadFactory(title_en="Secret lead", status=ProductionLead.Status.CONFIRMED)
    hidden = MemberFactory(name="Hidden Firm", is_public=False, logo=png_upload())
    GalleryImageFactory(member=hidden)

    html = client.get("/en/").content.decode()

    for secret in ("Members-only news", "Members-only meeting", "Secret lead", "Hidden Firm"):
        assert secret not in html
    for shown in ("Film 0", "Workshop 0", "News 0", "Call 0"):
        assert shown in html


def test_a_change_shows_on_the_cached_home_page_at_once(client):
    make_cluster(4)
    assert "Fresh Studio" not in client.get("/en/").content.decode()

    member = MemberFactory(name="Fresh Studio", logo=png_upload())
    GalleryImageFactory(member=member, caption_en="A fresh still")
    html = client.get("/en/").content.decode()
    assert "Fresh Studio" in html
    assert "A fresh still" in html

    Member.objects.get(pk=member.pk).delete()
    assert "Fresh Studio" not in client.get("/en/").content.decode()


def test_home_is_cached_per_language(client):
    make_cluster(4)

    english = client.get("/en/").content.decode()
    polish = client.get("/pl/").content.decode()

    assert "Equipment rental" in english
    assert "Wypożyczalnie" not in english
    assert "Wypożyczalnie" in polish


def test_favicon_ico_answers_with_the_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content if icon.streaming else [icon.content])[:4] == b"\x00\x00\x01\x00"
