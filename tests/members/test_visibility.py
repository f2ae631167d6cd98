"""Hidden, suspended and former members never appear on a public page, whoever asks."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from members.models import Member
from members.selectors import members_joined_since, public_members
from tests.factories.accounts import CoordinatorFactory, MembershipFactory
from tests.factories.members import MemberFactory
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db

NOT_PUBLIC = {
    "hidden": {"is_public": False},
    "former": {"status": Member.Status.FORMER},
    "suspended": {"status": Member.Status.SUSPENDED},
}


@pytest.fixture
def members():
    result = {"public": MemberFactory(slug="public", name="Public Firm", city="Łódź")}
    for slug, fields in NOT_PUBLIC.items():
        result[slug] = MemberFactory(slug=slug, name=f"{slug.title()} Firm", city="Łódź", **fields)
    return result


def test_public_members_selector_returns_only_active_public_members(members):
    assert list(public_members().values_list("slug", flat=True)) == ["public"]


@pytest.mark.parametrize("query", [{}, {"q": "lodz"}, {"city": "Łódź"}, {"kind": "company"}])
def test_catalogue_never_lists_non_public_members(client, members, query):
    response = client.get("/en/members/", query)

    assert [m.slug for m in response.context["members"]] == ["public"]
    for slug in NOT_PUBLIC:
        assert f"/en/members/{slug}/" not in response.text


def test_catalogue_facet_counts_leave_out_non_public_members(client, members):
    response = client.get("/en/members/")

    assert [(o.value, o.count) for o in response.context["facets"]["city"]] == [("Łódź", 1)]


@pytest.mark.parametrize("slug", list(NOT_PUBLIC))
@pytest.mark.parametrize("who", ["anonymous", "own_user", "other_member"])
def test_profile_of_non_public_member_is_not_found_for_non_staff(client, members, slug, who):
    if who == "own_user":
        client.force_login(MembershipFactory(member=members[slug]).user)
    elif who == "other_member":
        client.force_login(MembershipFactory(member=members["public"]).user)

    assert client.get(f"/en/members/{slug}/").status_code == 404
    assert client.get(f"/pl/members/{slug}/inquiry/sent/").status_code == 404


@pytest.mark.parametrize("slug", list(NOT_PUBLIC))
def test_coordinator_previews_non_public_member_without_contact_form(client, members, slug):
    client.force_login(CoordinatorFactory())

    response = client.get(f"/en/members/{slug}/")

    assert response.status_code == 200
    assert "Preview for coordinators: this member is not shown publicly" in response.text
    assert '<meta name="robots" content="noindex">' in response.text
    assert "application/ld+json" not in response.text
    assert 'id="inquiry"' not in response.text
    assert client.get(f"/en/members/{slug}/inquiry/sent/").status_code == 404


@pytest.mark.parametrize("slug", list(NOT_PUBLIC))
def test_coordinator_cannot_send_an_inquiry_to_a_non_public_member(client, members, slug):
    client.force_login(CoordinatorFactory())

    response = client.post(f"/en/members/{slug}/", {"name": "x"})

    assert response.status_code == 404


def test_reserved_slug_is_refused_by_validation():
    from django.core.exceptions import ValidationError

    member = MemberFactory.build(slug="shortlist", name="Shortlist")

    with pytest.raises(ValidationError) as excinfo:
        member.full_clean()

    assert list(excinfo.value.message_dict) == ["slug"]


@pytest.mark.parametrize("slug", list(NOT_PUBLIC))
def test_non_public_member_cannot_be_added_to_the_shortlist(client, members, slug):
    response = client.post("/en/members/shortlist/toggle/", {"member": slug, "action": "add"})

    assert response.status_code == 404
    assert client.session.get("members_shortlist") is None


def test_shared_shortlist_link_leaves_out_non_public_members(client, members):
    response = client.get("/en/members/shortlist/", {"members": "hidden,public,former,suspended"})

    assert [m.slug for m in response.context["members"]] == ["public"]


def test_sitemap_lists_only_public_members(client, members):
    text = sitemap_text(client)

    assert "/en/members/public/" in text
    for slug in NOT_PUBLIC:
        assert f"/members/{slug}/" not in text


def test_members_joined_since_uses_member_since_then_creation_time():
    moment = datetime(2026, 3, 1, 0, 30, tzinfo=ZoneInfo("Europe/Warsaw"))
    MemberFactory(slug="new", member_since=date(2026, 3, 1))
    MemberFactory(slug="old", member_since=date(2026, 2, 28))
    MemberFactory(slug="undated", member_since=None)  # created now, after the moment
    MemberFactory(slug="new-hidden", member_since=date(2026, 3, 2), is_public=False)

    assert list(members_joined_since(moment).values_list("slug", flat=True)) == ["new", "undated"]
