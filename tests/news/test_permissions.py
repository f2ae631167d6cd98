"""Who may open which news page: anonymous, a user in no firm, users of two different
member firms, and a coordinator. Bad query strings get a 404 or the unfiltered list."""

import pytest

from tests.factories.accounts import CoordinatorFactory, MembershipFactory, UserFactory
from tests.factories.news import MembersOnlyPostFactory, PostFactory, ScheduledPostFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "outsider", "member", "other_member", "coordinator"]

# path -> status per persona, in the order of PERSONAS
MATRIX = {
    "/en/news/": [200, 200, 200, 200, 200],
    "/en/news/calls/": [200, 200, 200, 200, 200],
    "/en/news/feed/": [200, 200, 200, 200, 200],
    "/en/news/open/": [200, 200, 200, 200, 200],
    "/en/news/inside/": [302, 403, 200, 200, 200],
    "/en/news/later/": [404, 404, 404, 404, 404],
}


def _login(client, persona):
    users = {
        "anonymous": None,
        "outsider": UserFactory,
        "member": lambda: MembershipFactory().user,
        "other_member": lambda: MembershipFactory().user,
        "coordinator": CoordinatorFactory,
    }
    if users[persona] is not None:
        client.force_login(users[persona]())


@pytest.mark.parametrize("persona", PERSONAS)
def test_news_pages_permission_matrix(client, persona):
    PostFactory(slug="open", title_en="Open story")
    MembersOnlyPostFactory(slug="inside", title_en="Inside story", body_en="Internal body")
    ScheduledPostFactory(slug="later", title_en="Later story")
    _login(client, persona)

    statuses = {path: client.get(path).status_code for path in MATRIX}

    assert statuses == {path: expected[PERSONAS.index(persona)] for path, expected in MATRIX.items()}


@pytest.mark.parametrize("persona", ["anonymous", "outsider"])
def test_members_only_post_text_reaches_no_non_member_page(client, persona):
    MembersOnlyPostFactory(slug="inside", title_en="Inside story", summary_en="Inside summary", body_en="Internal body")
    _login(client, persona)

    bodies = [client.get(path).content.decode() for path in MATRIX]

    for body in bodies:
        assert "Inside story" not in body
        assert "Inside summary" not in body
        assert "Internal body" not in body


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("page=abc", 404),
        ("page=99999", 404),
        ("page=0", 404),
        ("category=<script>alert(1)</script>", 200),
        ("category=%00", 200),
        ("category=" + "x" * 2000, 200),
    ],
)
def test_news_list_answers_bad_query_without_error(client, query, status):
    PostFactory(title_en="Press note")

    response = client.get(f"/en/news/?{query}")

    assert response.status_code == status
    assert "<script>alert(1)" not in response.content.decode()
    if status == 200:
        assert "Press note" in response.content.decode()


@pytest.mark.parametrize("path", ["/en/news/feed/?page=abc", "/en/news/calls/?page=abc&category=<x>"])
def test_feed_and_calls_ignore_query_strings(client, path):
    assert client.get(path).status_code == 200
