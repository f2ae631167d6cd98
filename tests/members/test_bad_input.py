"""Hand-made or hostile query strings and form posts never give a server error."""

import pytest

from members.models import Inquiry
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory

pytestmark = pytest.mark.django_db

NUL = "a\x00b"  # PostgreSQL refuses NUL in text: it must never reach a query


@pytest.fixture
def kadr():
    member = MemberFactory(slug="kadr", name="Kadr Studio", city="Kraków")
    MemberServiceFactory(member=member, category=ServiceCategoryFactory(slug="camera"))
    return member


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"service": "999999"}, []),
        ({"service": "<script>alert(1)</script>"}, []),
        ({"service": NUL}, []),
        ({"service": ["camera", NUL]}, ["kadr"]),
        ({"city": NUL}, []),
        ({"city": "x" * 5000}, []),
        ({"kind": NUL}, ["kadr"]),
        ({"language": NUL}, ["kadr"]),
        ({"sort": NUL}, ["kadr"]),
        ({"q": NUL}, ["kadr"]),
        ({"q": "kadr " * 2000}, ["kadr"]),
        ({"q": "_ __ a_b ² \u0301"}, []),
        ({"per_page": "9" * 30}, ["kadr"]),
    ],
)
def test_catalogue_odd_filter_values_match_nothing_or_are_ignored(client, kadr, query, expected):
    response = client.get("/en/members/", query)

    assert response.status_code == 200
    assert [m.slug for m in response.context["members"]] == expected


def test_catalogue_escapes_the_search_text(client, kadr):
    response = client.get("/en/members/", {"q": "<script>alert(1)</script>"})

    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", NUL])
def test_catalogue_page_out_of_range_is_not_found(client, kadr, page):
    assert client.get("/en/members/", {"page": page}).status_code == 404


def test_catalogue_page_last_is_the_last_page(client, kadr):
    response = client.get("/en/members/", {"page": "last"})

    assert response.status_code == 200
    assert [m.slug for m in response.context["members"]] == ["kadr"]


@pytest.mark.parametrize("members", [NUL, f"kadr,{NUL}", "kadr,../../etc,<b>", ",".join(f"s{n}" for n in range(2000))])
def test_shared_shortlist_with_odd_slugs_shows_only_real_public_members(client, kadr, members):
    response = client.get("/en/members/shortlist/", {"members": members})

    assert response.status_code == 200
    expected = ["kadr"] if members.startswith("kadr") else []
    assert [m.slug for m in response.context["members"]] == expected


@pytest.mark.parametrize("slug", [NUL, "", "<b>", "x" * 300])
def test_shortlist_toggle_with_odd_slug_is_not_found(client, kadr, slug):
    response = client.post("/en/members/shortlist/toggle/", {"member": slug, "action": "add"})

    assert response.status_code == 404
    assert client.session.get("members_shortlist") is None


def test_shortlist_inquiry_with_odd_slugs_is_refused_with_a_message(client, kadr, mailoutbox):
    data = {"members": NUL, "name": "Jane", "email": "jane@example.org", "message": "Hi", "consent": "on"}

    response = client.post("/en/members/shortlist/", data)

    assert response.status_code == 400
    assert "Your shortlist is empty." in response.text
    assert 'value="Jane"' in response.text
    assert Inquiry.objects.count() == 0


def test_shortlist_inquiry_is_sent_to_at_most_fifty_companies(client, mailoutbox, django_capture_on_commit_callbacks):
    slugs = [MemberFactory(slug=f"m{n:02d}").slug for n in range(52)]
    data = {"members": ",".join(slugs), "name": "Jane", "email": "jane@example.org", "message": "Hi", "consent": "on"}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/members/shortlist/", data)

    assert response.status_code == 302
    assert Inquiry.objects.get().recipients.count() == 50


def test_inquiry_with_overlong_fields_keeps_input_and_says_why(client, kadr):
    data = {"name": "N" * 151, "email": "jane@example.org", "message": "M" * 5001, "consent": "on"}

    response = client.post("/en/members/kadr/", data)

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name", "message"}
    assert "Ensure this value has at most 150 characters (it has 151)." in response.text
    assert f'value="{"N" * 151}"' in response.text
    assert Inquiry.objects.count() == 0


def test_inquiry_with_no_fields_at_all_lists_each_missing_one(client, kadr):
    response = client.post("/en/members/kadr/", {})

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name", "email", "message", "consent"}


def test_inquiry_with_nul_in_a_field_is_refused_with_a_message(client, kadr):
    data = {"name": NUL, "email": "jane@example.org", "message": "Hi", "consent": "on"}

    response = client.post("/en/members/kadr/", data)

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name"}
    assert Inquiry.objects.count() == 0


def test_inquiry_with_an_email_too_long_to_store_is_refused_with_a_message(client, kadr):
    email = "a" * 60 + "@" + ".".join(["b" * 60] * 4) + ".org"  # valid in form, but 308 characters
    data = {"name": "Jane", "email": email, "message": "Hi", "consent": "on"}

    response = client.post("/en/members/kadr/", data)

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"email"}
    assert "Ensure this value has at most 254 characters (it has 308)." in response.text
    assert f'value="{email}"' in response.text
    assert Inquiry.objects.count() == 0
