"""What the members area shows on the home page: the joint offer by service area, the
members' work (gallery pictures) and their logos.

Each builder costs a fixed number of queries whatever the number of members, and
returns plain data with the thumbnails already made (core.home caches it).
"""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from core import home
from core.images import thumbnail_url

from .models import GalleryImage, Member, MemberService, ServiceCategory
from .selectors import public_members

WORK_SHOWN = 9  # one large and eight small: three full rows of four columns
LOGOS_SHOWN = 18
PUBLIC = Q(member__status=Member.Status.ACTIVE, member__is_public=True)


def _catalogue_url(service_slug: str) -> str:
    return f"{reverse('members:list')}?service={service_slug}"


def offer() -> dict:
    """Top-level service areas with how many members offer them and a picture of one
    member's work in that area; five queries."""
    counts = dict(
        MemberService.objects.filter(PUBLIC)
        .annotate(area=Coalesce("category__parent_id", "category_id", output_field=IntegerField()))
        .values("area")
        .annotate(n=Count("member", distinct=True))
        .order_by()
        .values_list("area", "n")
    )
    # One picture per area, of a firm whose main trade (its first service) is in that area,
    # so "Locations" shows a location rather than a sound studio that also rents a stage.
    main_services = MemberService.objects.filter(PUBLIC).order_by("member_id", "id").distinct("member_id").values("id")
    rows = (
        GalleryImage.objects.filter(PUBLIC, member__services__in=Subquery(main_services))
        .annotate(
            area=Coalesce(
                "member__services__category__parent_id", "member__services__category_id", output_field=IntegerField()
            )
        )
        .order_by("area", "member__services__id", "position", "id")
        .distinct("area")
        .values_list("area", "image")
    )
    pictures = dict(rows)
    areas = ServiceCategory.objects.filter(parent__isnull=True, pk__in=list(counts)).order_by("position", "slug")
    return {
        "areas": [
            {
                "name": area.name,
                "count": counts[area.pk],
                "url": _catalogue_url(area.slug),
                "image_url": thumbnail_url(GalleryImage(image=pictures[area.pk]).image, 480, 300, crop=True)
                if area.pk in pictures
                else "",
            }
            for area in areas
        ],
        "members": public_members().count(),
        "cities": public_members().values("city").distinct().count(),
    }


def work() -> dict:
    """The first gallery picture of each of the members who updated their profiles last;
    two queries."""
    first_image = GalleryImage.objects.filter(member=OuterRef("pk")).order_by("position", "id").values("pk")[:1]
    members = list(
        public_members()
        .annotate(picture_id=Subquery(first_image, output_field=IntegerField()))
        .exclude(picture_id=None)
        .order_by("-updated_at", "pk")
        .only("name", "slug", "city")[:WORK_SHOWN]
    )
    pictures = GalleryImage.objects.in_bulk([member.picture_id for member in members])
    return {
        "pictures": [
            {
                "member": member.name,
                "city": member.city,
                "url": member.get_absolute_url(),
                "caption": pictures[member.picture_id].caption,
                "image_url": thumbnail_url(pictures[member.picture_id].image, 640, 400, crop=True),
            }
            for member in members
        ]
    }


def logos() -> dict:
    """Logos of members (alphabetically, a fixed number) and how many there are; two queries."""
    members = public_members().exclude(logo="").order_by("name").only("name", "slug", "logo")[:LOGOS_SHOWN]
    return {
        "logos": [
            {"name": m.name, "url": m.get_absolute_url(), "logo_url": thumbnail_url(m.logo, 200, 125)} for m in members
        ],
        "total": public_members().count(),
    }


def register() -> None:
    changes = (Member, MemberService, GalleryImage, ServiceCategory)
    home.register("offer", template="members/_home_offer.html", build=offer, order=20, invalidated_by=changes)
    home.register("work", template="members/_home_work.html", build=work, order=30, invalidated_by=changes)
    home.register("logos", template="members/_home_logos.html", build=logos, order=80, invalidated_by=changes)
