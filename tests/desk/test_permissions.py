"""Who reaches the desk: a coordinator who is not a superuser reaches every page of it
and cannot touch permissions; members, outsiders and anonymous visitors reach none."""

import pytest
from django.contrib.auth.models import Group, Permission

from accounts.models import User
from desk.selectors import CHARTS
from members.models import Member

pytestmark = pytest.mark.django_db

DESK_PAGES = [
    "/admin/",
    "/admin/desk/export/",
    *[
        f"/admin/desk/export/{kind}/?format={fmt}"
        for kind in ("members", "leads", "registrations", "deliveries", "calls")
        for fmt in ("csv", "xlsx")
    ],
    "/admin/desk/import-members/",
    *[f"/admin/desk/charts/{slug}.csv" for slug in CHARTS],
    "/admin/desk/leadinterest/",
]
# The admin lists the dashboard links to, and the four busiest changelists.
LINKED_LISTS = [
    "/admin/productions/productioninquiry/",
    "/admin/productions/productionlead/",
    "/admin/accounts/invitation/",
    "/admin/digests/digestdelivery/",
    "/admin/news/post/",
    "/admin/members/member/",
    "/admin/events/event/",
    "/admin/events/registration/",
]

EXPECTED_PERMISSIONS = {
    # The portal's branding (desk migration 0004).
    "core.add_branding",
    "core.change_branding",
    "core.view_branding",
    "desk.view_dashboard",
    "desk.export_data",
    "desk.import_members",
    "desk.view_leadinterest",
    *{
        f"members.{a}_{m}"
        for a in ("add", "change", "delete", "view")
        for m in ("member", "memberservice", "servicecategory", "credit", "galleryimage", "resource")
    },
    "members.view_inquiry",
    "members.delete_inquiry",
    "accounts.view_user",
    *{f"accounts.{a}_membership" for a in ("add", "change", "delete", "view")},
    "accounts.add_invitation",
    "accounts.view_invitation",
    "accounts.view_membershipapplication",
    "accounts.change_membershipapplication",
    *{f"productions.{a}_{m}" for a in ("add", "change", "delete", "view") for m in ("productionlead", "leadresponse")},
    "productions.view_leadstatuschange",
    "productions.view_productioninquiry",
    "productions.change_productioninquiry",
    "productions.delete_productioninquiry",
    "productions.view_leadalertpreference",
    *{f"news.{a}_post" for a in ("add", "change", "delete", "view")},
    *{f"events.{a}_{m}" for a in ("add", "change", "delete", "view") for m in ("event", "registration", "material")},
    "digests.view_digestdelivery",
    *{f"digests.{a}_digestpreference" for a in ("add", "change", "view")},
    # The cooperation area (cooperation 0002): reads all, moderates, keeps the firms'
    # marks on calls and the lead teams; the reminder log is read-only.
    "cooperation.moderate_cooperation",
    *{f"cooperation.{a}_cooperationrequest" for a in ("view", "change")},
    *{f"cooperation.{a}_requestanswer" for a in ("view", "change")},
    *{f"cooperation.{a}_requestmessage" for a in ("view", "change")},
    "cooperation.view_requestfollow",
    *{f"cooperation.{a}_requestreport" for a in ("view", "change")},
    *{f"cooperation.{a}_callparticipation" for a in ("add", "change", "delete", "view")},
    "cooperation.view_callreminder",
    *{f"cooperation.{a}_leadteamoptin" for a in ("view", "change", "delete")},
    "cooperation.view_cooperationpreference",
}


def test_coordinator_group_has_exactly_the_needed_permissions(coordinator_group):
    group = coordinator_group

    granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}

    assert granted == EXPECTED_PERMISSIONS
    assert not {p for p in granted if p.startswith("auth.") or p.endswith("_user") and p != "accounts.view_user"}


def test_coordinator_group_is_made_again_by_the_migration_after_a_flush(db):
    from tests.desk.conftest import ensure_coordinator_group

    Group.objects.filter(name="Coordinator").delete()
    Permission.objects.filter(content_type__app_label="desk").delete()

    group = ensure_coordinator_group()

    granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
    assert granted == EXPECTED_PERMISSIONS


@pytest.mark.parametrize("url", DESK_PAGES + LINKED_LISTS)
def test_desk_page_reached_by_a_coordinator_who_is_not_a_superuser(coordinator_client, coordinator, url):
    response = coordinator_client.get(url, HTTP_ACCEPT_LANGUAGE="en")

    assert coordinator.is_superuser is False
    assert response.status_code == 200


@pytest.mark.parametrize("url", DESK_PAGES)
def test_desk_page_sends_a_member_user_to_the_admin_login(client, member_user, url):
    client.force_login(member_user)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", DESK_PAGES)
def test_desk_page_sends_another_members_user_to_the_admin_login(client, other_member_user, url):
    client.force_login(other_member_user)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", DESK_PAGES)
def test_desk_page_sends_anonymous_visitors_to_the_admin_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", [u for u in DESK_PAGES if u not in ("/admin/", "/admin/desk/leadinterest/")])
def test_desk_page_forbidden_to_staff_outside_the_group(client, plain_staff, url):
    client.force_login(plain_staff)

    response = client.get(url)

    assert response.status_code == 403


def test_admin_home_without_the_desk_for_staff_outside_the_group(client, plain_staff):
    client.force_login(plain_staff)

    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert "desk" not in response.context
    assert "Needs attention now" not in response.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/admin/auth/group/", "/admin/auth/group/add/", "/admin/auth/permission/", "/admin/auth/group/{group}/change/"],
)
def test_coordinator_cannot_open_groups_or_permissions(coordinator_client, url):
    group = Group.objects.get(name="Coordinator")

    response = coordinator_client.get(url.format(group=group.pk))

    assert response.status_code in (403, 404)


def test_coordinator_cannot_change_a_users_permissions(coordinator_client, coordinator):
    other = User.objects.create_user(email="someone@example.org", password="x-x-x-x-x-x")
    delete_user = Permission.objects.get(codename="delete_user")
    url = f"/admin/accounts/user/{coordinator.pk}/change/"

    page = coordinator_client.get(url)
    response = coordinator_client.post(
        url,
        {
            "email": coordinator.email,
            "name": coordinator.name,
            "preferred_language": "en",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "user_permissions": [delete_user.pk],
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    other_response = coordinator_client.post(f"/admin/accounts/user/{other.pk}/change/", {"is_staff": "on"})

    coordinator.refresh_from_db()
    other.refresh_from_db()
    assert page.status_code == 200  # the user list and pages are readable
    assert 'name="user_permissions"' not in page.content.decode()
    assert 'name="is_superuser"' not in page.content.decode()
    assert (response.status_code, other_response.status_code) == (403, 403)
    assert coordinator.is_superuser is False
    assert list(coordinator.user_permissions.all()) == []
    assert other.is_staff is False


def test_coordinator_cannot_add_users(coordinator_client):
    response = coordinator_client.get("/admin/accounts/user/add/")

    assert response.status_code == 403


@pytest.mark.parametrize("language", ["pl", "en"])
def test_numbers_page_is_public_in_both_languages(client, language):
    response = client.get(f"/{language}/numbers/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert f'<html lang="{language}"' in html


def test_coordinator_reaches_every_admin_list_the_group_allows_over_the_demo_data(coordinator_client, coordinator):
    from django.contrib import admin
    from django.core.management import call_command

    call_command("load_demo_data")
    reachable = []

    for model in admin.site._registry:
        opts = model._meta
        allowed = coordinator.has_perm(f"{opts.app_label}.view_{opts.model_name}") or coordinator.has_perm(
            f"{opts.app_label}.change_{opts.model_name}"
        )
        response = coordinator_client.get(f"/admin/{opts.app_label}/{opts.model_name}/")
        assert (opts.label, response.status_code) == (opts.label, 200 if allowed else 403)
        if allowed:
            reachable.append(opts.label)

    assert {"members.Member", "productions.ProductionLead", "events.Registration", "digests.DigestDelivery"} <= set(
        reachable
    )
    assert "auth.Group" not in reachable


def test_coordinator_opens_the_daily_pages_of_every_area_over_the_demo_data(coordinator_client):
    from django.core.management import call_command

    from events.models import Event
    from members.models import Member
    from news.models import Post
    from productions.models import ProductionInquiry, ProductionLead

    call_command("load_demo_data")
    member = Member.objects.order_by("pk").first()
    lead = ProductionLead.objects.order_by("pk").first()
    pages = [
        f"/admin/members/member/{member.pk}/change/",
        f"/admin/members/member/{member.pk}/history/",
        "/admin/members/member/add/",
        f"/admin/productions/productionlead/{lead.pk}/change/",
        f"/admin/productions/productionlead/{lead.pk}/responses/",
        f"/admin/productions/productioninquiry/{ProductionInquiry.objects.first().pk}/change/",
        f"/admin/events/event/{Event.objects.first().pk}/change/",
        f"/admin/news/post/{Post.objects.first().pk}/change/",
        "/admin/news/post/add/",
        "/admin/accounts/invitation/invite/",
        "/admin/accounts/membershipapplication/",
        "/admin/digests/digestdelivery/preview/",
    ]

    statuses = {url: coordinator_client.get(url, HTTP_ACCEPT_LANGUAGE="en").status_code for url in pages}

    assert statuses == dict.fromkeys(pages, 200)


def test_coordinator_who_is_not_a_superuser_edits_a_users_digest_preference(coordinator_client):
    from digests.models import DigestPreference
    from tests.factories.digests import DigestPreferenceFactory
    from tests.factories.digests import member_user as make_member_user

    without_row, with_row = make_member_user(), make_member_user()
    preference = DigestPreferenceFactory(user=with_row, frequency="weekly")

    added = coordinator_client.post(
        "/admin/digests/digestpreference/add/", {"user": without_row.pk, "frequency": "off", "sections": ["news"]}
    )
    changed = coordinator_client.post(
        f"/admin/digests/digestpreference/{preference.pk}/change/",
        {"user": with_row.pk, "frequency": "monthly", "sections": ["leads", "calls"]},
    )

    assert (added.status_code, changed.status_code) == (302, 302)
    assert sorted(DigestPreference.objects.values_list("user_id", "frequency", "sections")) == sorted(
        [(without_row.pk, "off", ["news"]), (with_row.pk, "monthly", ["leads", "calls"])]
    )


@pytest.mark.parametrize("who", ["anonymous", "member_user", "other_member_user", "coordinator"])
def test_numbers_page_is_the_same_for_everyone(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    response = client.get("/en/numbers/")

    assert response.status_code == 200
    assert (
        response.context["numbers"]["active_members"] == Member.objects.filter(status="active", is_public=True).count()
    )


@pytest.mark.parametrize("who", ["anonymous", "member_user", "other_member_user", "plain_staff"])
def test_member_import_post_saves_nothing_for_anyone_but_a_coordinator(client, request, who):
    from django.core.files.uploadedfile import SimpleUploadedFile

    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    before = Member.objects.count()

    response = client.post(
        "/admin/desk/import-members/",
        {"file": SimpleUploadedFile("m.csv", b"name,city\nIntruder Films,Krakow\n", "text/csv")},
    )

    assert response.status_code == (403 if who == "plain_staff" else 302)
    assert Member.objects.count() == before
