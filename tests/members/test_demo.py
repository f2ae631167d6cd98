import io
from decimal import Decimal

import pytest

from accounts.models import Membership
from core.demo_pictures import PICTURES
from members import demo, gazetteer
from members.models import Credit, GalleryImage, Member, MemberService, ServiceCategory
from members.selectors import public_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    from accounts import demo as accounts_demo

    accounts_demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())


def counts():
    return (
        Member.objects.count(),
        MemberService.objects.count(),
        Credit.objects.count(),
        GalleryImage.objects.count(),
        ServiceCategory.objects.count(),
        Member.history.count(),
        Membership.objects.count(),
    )


def test_demo_load_is_complete_and_a_second_load_creates_nothing(loaded):
    # One load for all the checks: loading generates 90 images and takes seconds.
    members = list(public_members().prefetch_related("services", "credits", "images"))
    assert len(members) == 44
    assert all(m.services.all() and m.credits.all() and m.images.all() and m.logo for m in members)
    assert len({m.city for m in members}) >= 10
    assert all(m.email.endswith(".example.org") for m in members)
    # Every firm on the map near its own town (the gazetteer's centre, moved by at most ~2 km).
    for m in members:
        town = gazetteer.town_named(m.city)
        assert m.is_on_map
        assert abs(m.latitude - town.latitude) <= Decimal("0.02")
        assert abs(m.longitude - town.longitude) <= Decimal("0.03")
    assert len({(m.latitude, m.longitude) for m in members}) == len(members)

    # The taxonomy: seed 003's services, in Polish and English, two levels.
    slugs = set(ServiceCategory.objects.values_list("slug", flat=True))
    for slug in ["camera-rental", "line-production", "production-management", "location-services",
                 "set-design", "animation", "video-post", "sound-post"]:  # fmt: skip
        assert slug in slugs
    assert not ServiceCategory.objects.filter(name_pl="").exists()
    assert not ServiceCategory.objects.filter(name_en="").exists()
    assert ServiceCategory.objects.get(slug="lighting").parent.slug == "rental"

    # The demo member user administers a firm with camera rental, lighting and sound post.
    membership = Membership.objects.get(user__email="member@example.org")
    assert membership.role == Membership.Role.ADMIN
    services = set(membership.member.services.values_list("category__slug", flat=True))
    assert services == {"camera-rental", "lighting", "sound-post"}

    # One former and one hidden member, never public.
    assert Member.objects.count() == 46
    assert Member.objects.filter(status=Member.Status.FORMER).count() == 1
    assert Member.objects.filter(is_public=False).count() == 1

    before = counts()
    demo.load(stdout=io.StringIO())
    assert counts() == before


def test_demo_logos_draw_polish_letters_rather_than_missing_glyph_boxes():
    """Firms named "Świetlik" or "Łąka" get their own letters on the generated logo: two
    names differing only in Polish letters give two different pictures (missing glyphs
    would all be the same box)."""
    assert demo.logo("Ś Łąka", (120, 30, 50), 2) != demo.logo("Ź Ćma", (120, 30, 50), 2)


def test_demo_gallery_pictures_suit_the_firms_services(loaded):
    """A sound studio shows its desk, a camera rental house its cameras: each firm's first
    picture illustrates one of its services, and every picture has a caption (its alt text)."""
    members = public_members().prefetch_related("services__category", "images")
    for member in members:
        services = {s.category.slug for s in member.services.all()}
        images = list(member.images.all())
        assert len(images) >= 3
        assert all(image.caption_pl and image.caption_en for image in images)
        first = next(p for p in PICTURES if p.filename.removesuffix(".webp") in images[0].image.name)
        assert services & set(first.services), member.name
