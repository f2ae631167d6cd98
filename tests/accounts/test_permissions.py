"""Who may open which page of the accounts area: a matrix over every view.

Roles: anonymous (login redirect), a user of another firm (404: the URL reveals
nothing), an editor of the firm, a member admin of the firm, a coordinator (staff).
"""

import pytest
from django.urls import reverse

from accounts.models import Membership
from members.models import Member
from tests.factories.accounts import CoordinatorFactory, InvitationFactory, MembershipFactory, UserFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "other_firm", "editor", "admin", "coordinator"]


@pytest.fixture
def firm():
    member = MemberFactory(slug="kadr")
    admin = MembershipFactory(member=member, role=Membership.Role.ADMIN).user
    editor = MembershipFactory(member=member, role=Membership.Role.EDITOR).user
    second_admin = MembershipFactory(member=member, role=Membership.Role.ADMIN)
    outsider = MembershipFactory(role=Membership.Role.ADMIN).user
    return {
        "member": member,
        "users": {
            "anonymous": None,
            "other_firm": outsider,
            "editor": editor,
            "admin": admin,
            "coordinator": CoordinatorFactory(),
        },
        "second_admin": second_admin,
        "invitation": InvitationFactory(member=member),
    }


def _login(client, user):
    if user is not None:
        client.force_login(user)


# (url name, kwargs builder, method, expected status per role)
COMPANY_VIEWS = [
    ("members:company_edit", lambda f: {"slug": "kadr"}, "get", [302, 404, 200, 200, 200]),
    # An empty POST reaches the form (400 with the errors) only for those who may edit.
    ("members:company_edit", lambda f: {"slug": "kadr"}, "post", [302, 404, 400, 400, 400]),
    ("members:company_preview", lambda f: {"slug": "kadr"}, "get", [302, 404, 200, 200, 200]),
    ("members:company_history", lambda f: {"slug": "kadr"}, "get", [302, 404, 200, 200, 200]),
    ("members:company_list", lambda f: {"slug": "kadr", "kind": "credits"}, "get", [302, 404, 200, 200, 200]),
    ("members:company_list", lambda f: {"slug": "kadr", "kind": "gallery"}, "get", [302, 404, 200, 200, 200]),
    ("members:company_list", lambda f: {"slug": "kadr", "kind": "resources"}, "get", [302, 404, 200, 200, 200]),
    ("members:company_list", lambda f: {"slug": "kadr", "kind": "credits"}, "post", [302, 404, 400, 400, 400]),
    ("members:company_list", lambda f: {"slug": "kadr", "kind": "gallery"}, "post", [302, 404, 400, 400, 400]),
    ("members:company_list", lambda f: {"slug": "kadr", "kind": "resources"}, "post", [302, 404, 400, 400, 400]),
    ("accounts:team", lambda f: {"slug": "kadr"}, "get", [302, 404, 403, 200, 200]),
    ("accounts:team", lambda f: {"slug": "kadr"}, "post", [302, 404, 403, 400, 400]),
    (
        "accounts:team_remove",
        lambda f: {"slug": "kadr", "pk": f["second_admin"].pk},
        "post",
        [302, 404, 403, 302, 302],
    ),
    (
        "accounts:team_invitation_revoke",
        lambda f: {"slug": "kadr", "pk": f["invitation"].pk},
        "post",
        [302, 404, 403, 302, 302],
    ),
    (
        "accounts:team_invitation_resend",
        lambda f: {"slug": "kadr", "pk": f["invitation"].pk},
        "post",
        [302, 404, 403, 302, 302],
    ),
]

ACCOUNT_VIEWS = [
    ("members:company_index", "get", [302, 302, 302, 302, 200]),
    ("accounts:settings", "get", [302, 200, 200, 200, 200]),
    ("accounts:settings", "post", [302, 400, 400, 400, 400]),
    ("accounts:privacy_center", "get", [302, 200, 200, 200, 200]),
    ("accounts:data_export", "get", [302, 200, 200, 200, 200]),
    ("accounts:account_delete", "post", [302, 400, 400, 400, 400]),
    ("accounts:join", "get", [200, 200, 200, 200, 200]),
    ("accounts:join", "post", [400, 400, 400, 400, 400]),
    ("accounts:join_thanks", "get", [200, 200, 200, 200, 200]),
    ("accounts:privacy_policy", "get", [200, 200, 200, 200, 200]),
]

COMPANY_CASES = [
    pytest.param(name, kwargs, method, role, expected[i], id=f"{name}-{method}-{n}-{role}")
    for n, (name, kwargs, method, expected) in enumerate(COMPANY_VIEWS)
    for i, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("name", "kwargs", "method", "role", "expected"), COMPANY_CASES)
def test_company_view_permissions_matrix(client, firm, name, kwargs, method, role, expected):
    _login(client, firm["users"][role])
    url = reverse(name, kwargs=kwargs(firm))

    response = getattr(client, method)(url)

    assert response.status_code == expected
    if role == "anonymous":
        assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize(
    ("name", "method", "role", "expected"),
    [
        pytest.param(name, method, role, expected[i], id=f"{name}-{method}-{role}")
        for name, method, expected in ACCOUNT_VIEWS
        for i, role in enumerate(ROLES)
    ],
)
def test_account_view_permissions_matrix(client, firm, name, method, role, expected):
    _login(client, firm["users"][role])

    response = getattr(client, method)(reverse(name))

    assert response.status_code == expected
    if role == "anonymous" and expected == 302:
        assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("status", [Member.Status.SUSPENDED, Member.Status.FORMER])
@pytest.mark.parametrize("role", [Membership.Role.ADMIN, Membership.Role.EDITOR])
def test_company_editor_refused_at_once_when_firm_is_not_active(client, status, role):
    membership = MembershipFactory(role=role)
    client.force_login(membership.user)
    url = reverse("members:company_edit", kwargs={"slug": membership.member.slug})
    assert client.get(url).status_code == 200

    Member.objects.filter(pk=membership.member_id).update(status=status)
    response = client.get(url)

    assert response.status_code == 403


def test_company_editor_of_an_unknown_firm_is_404_for_coordinator(client):
    client.force_login(CoordinatorFactory())

    response = client.get(reverse("members:company_edit", kwargs={"slug": "no-such-firm"}))

    assert response.status_code == 404


def test_company_editor_post_by_other_firm_changes_nothing(client, firm):
    client.force_login(firm["users"]["other_firm"])

    response = client.post(reverse("members:company_edit", kwargs={"slug": "kadr"}), {"name": "Hijacked"})

    assert response.status_code == 404
    assert Member.objects.get(slug="kadr").name == firm["member"].name


def test_user_with_several_firms_sees_a_list(client):
    user = UserFactory()
    MembershipFactory(user=user, member=MemberFactory(name="Alpha"))
    MembershipFactory(user=user, member=MemberFactory(name="Beta"))
    client.force_login(user)

    response = client.get(reverse("members:company_index"))

    assert response.status_code == 200
    assert [m.member.name for m in response.context["memberships"]] == ["Alpha", "Beta"]


@pytest.mark.parametrize(("role", "expected"), list(zip(ROLES, [302, 403, 403, 403, 403], strict=True)))
def test_invitation_accept_permissions_matrix(client, firm, role, expected):
    """Anyone holding the link may open it; only its addressee (or a new account) may accept."""
    from accounts.tokens import make_token

    invitation = firm["invitation"]
    _login(client, firm["users"][role])
    url = reverse(
        "accounts:invitation_accept", kwargs={"token": make_token(invitation_id=invitation.pk, key=invitation.key)}
    )

    page = client.get(url)
    response = client.post(
        url, {"name": "N", "password1": "a-long-film-password-2026", "password2": "a-long-film-password-2026"}
    )

    assert page.status_code == 200
    assert response.status_code == expected
