"""People and firms of the cooperation tests.

``author`` posts for ``firm`` (sound post-production); ``colleague`` works at the same
firm; ``helper`` works at ``other_firm`` (colour grading, catering), another member;
``suspended_user``'s firm is suspended; ``outsider`` belongs to no firm; the
coordinator is staff with every permission.
"""

import pytest

from members.models import Member
from news.models import Post
from tests.factories.accounts import CoordinatorFactory, MembershipFactory, UserFactory
from tests.factories.cooperation import CooperationRequestFactory
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory
from tests.factories.news import CallFactory


@pytest.fixture
def categories(db):
    post = ServiceCategoryFactory(slug="post-production", name_en="Post-production", name_pl="Postprodukcja")
    return {
        "post": post,
        "sound": ServiceCategoryFactory(
            slug="sound-post", name_en="Sound post-production", name_pl="Postprodukcja dźwięku", parent=post
        ),
        "colour": ServiceCategoryFactory(
            slug="colour", name_en="Colour grading", name_pl="Korekcja barwna", parent=post
        ),
        "catering": ServiceCategoryFactory(slug="catering", name_en="Catering", name_pl="Catering"),
    }


@pytest.fixture
def firm(categories):
    member = MemberFactory(name="Sound Studio Alpha")
    MemberServiceFactory(member=member, category=categories["sound"])
    return member


@pytest.fixture
def author(firm):
    return MembershipFactory(member=firm, user__email="alpha@example.org", user__name="Ada Alpha").user


@pytest.fixture
def colleague(firm):
    return MembershipFactory(member=firm, user__email="alpha2@example.org").user


@pytest.fixture
def other_firm(categories):
    member = MemberFactory(name="Colour Beta")
    MemberServiceFactory(member=member, category=categories["colour"])
    MemberServiceFactory(member=member, category=categories["catering"])
    return member


@pytest.fixture
def helper(other_firm):
    return MembershipFactory(member=other_firm, user__email="beta@example.org", user__name="Bea Beta").user


@pytest.fixture
def suspended_user(db):
    member = MemberFactory(name="Gone Gamma", status=Member.Status.SUSPENDED)
    return MembershipFactory(member=member, user__email="gamma@example.org").user


@pytest.fixture
def outsider(db):
    return UserFactory(email="outsider@example.org")


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory(email="office@example.org")


@pytest.fixture
def tender(db):
    return CallFactory(
        category=Post.Category.TENDER,
        slug="forum-tender",
        title_en="Tender: sound for the forum",
        title_pl="Przetarg: nagłośnienie forum",
    )


@pytest.fixture
def request_obj(firm, author, categories, tender):
    return CooperationRequestFactory(
        member=firm,
        posted_by=author,
        title_en="Secret partner search",
        title_pl="Tajne szukanie partnera",
        body_en="Members-only text about the tender.",
        services=[categories["colour"]],
        call=tender,
    )
