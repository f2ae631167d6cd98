import datetime as dt
import json
import re

import pytest
from django.utils import timezone

from news.models import Post
from tests.factories.news import CallFactory, MembersOnlyPostFactory, PostFactory, ScheduledPostFactory

pytestmark = pytest.mark.django_db

ALL_READERS = ["anonymous", "outsider", "member", "coordinator"]
MEMBER_READERS = ["member", "coordinator"]
NON_MEMBER_READERS = ["anonymous", "outsider"]


def _h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def _card_titles(html: str) -> list[str]:
    return re.findall(r'<h2 class="news-card__title">\s*<a href="[^"]+">([^<]+)</a>', html)


# --- list ---------------------------------------------------------------------------


@pytest.mark.parametrize("reader", ALL_READERS, indirect=True)
def test_news_list_shows_public_post_to_everyone(reader):
    PostFactory(title_en="Cluster meets producers")

    response = reader.get("/en/news/")

    assert response.status_code == 200
    assert "Cluster meets producers" in response.content.decode()


@pytest.mark.parametrize("reader", NON_MEMBER_READERS, indirect=True)
def test_news_list_hides_members_only_post_from_non_members(reader):
    MembersOnlyPostFactory(title_en="Secret lead briefing", summary_en="internal summary")

    html = reader.get("/en/news/").content.decode()

    assert "Secret lead briefing" not in html
    assert "internal summary" not in html


@pytest.mark.parametrize("reader", MEMBER_READERS, indirect=True)
def test_news_list_shows_members_only_post_to_members(reader):
    MembersOnlyPostFactory(title_en="Secret lead briefing")

    html = reader.get("/en/news/").content.decode()

    assert "Secret lead briefing" in html
    assert "Members only" in html


@pytest.mark.parametrize("reader", ALL_READERS, indirect=True)
def test_news_list_hides_scheduled_post_from_everyone(reader):
    ScheduledPostFactory(title_en="Not yet out", visibility=Post.Visibility.PUBLIC)
    ScheduledPostFactory(title_en="Not yet out for members", visibility=Post.Visibility.MEMBERS)

    html = reader.get("/en/news/").content.decode()

    assert "Not yet out" not in html


def test_news_list_filters_by_category(client):
    PostFactory(title_en="Tender for lighting", category=Post.Category.TENDER, deadline=timezone.now())
    PostFactory(title_en="Press note", category=Post.Category.PRESS)

    html = client.get("/en/news/?category=tender").content.decode()

    assert "Tender for lighting" in html
    assert "Press note" not in html
    assert '<a href="?category=tender" aria-current="page">Tender</a>' in html


def test_news_list_ignores_unknown_category(client):
    PostFactory(title_en="Press note", category=Post.Category.PRESS)

    response = client.get("/en/news/?category=nonsense")

    assert response.status_code == 200
    assert "Press note" in response.content.decode()


def test_news_list_paginates_ten_per_page_newest_first(client):
    now = timezone.now()
    for n in range(12):
        PostFactory(title_en=f"Item {n:02d}", published_at=now - dt.timedelta(hours=n + 1))

    first = client.get("/en/news/").content.decode()
    second = client.get("/en/news/?page=2").content.decode()

    assert _card_titles(first) == [f"Item {n:02d}" for n in range(10)]
    assert _card_titles(second) == ["Item 10", "Item 11"]
    assert "Page 2 of 2" in second


@pytest.mark.parametrize(("path", "title"), [("/pl/news/", "Wiadomość po polsku"), ("/en/news/", "News in English")])
def test_news_list_in_both_languages(client, path, title):
    PostFactory(title_pl="Wiadomość po polsku", title_en="News in English")

    response = client.get(path)

    html = response.content.decode()
    assert response.status_code == 200
    assert title in html
    assert _h1_count(html) == 1


@pytest.mark.parametrize("size", [5, 50])
def test_news_list_query_budget_is_constant(client, member_user, django_assert_num_queries, size):
    PostFactory.create_batch(size // 2)
    MembersOnlyPostFactory.create_batch(size - size // 2)
    CallFactory()
    client.force_login(member_user)
    client.get("/en/news/")  # warm the session cache

    with django_assert_num_queries(5):
        response = client.get("/en/news/")

    assert response.status_code == 200


@pytest.mark.parametrize("size", [5, 50])
def test_news_list_query_budget_is_constant_for_anonymous(client, django_assert_num_queries, size):
    PostFactory.create_batch(size)

    with django_assert_num_queries(2):
        response = client.get("/en/news/")

    assert response.status_code == 200


# --- detail -------------------------------------------------------------------------


@pytest.mark.parametrize("reader", ALL_READERS, indirect=True)
def test_news_detail_of_public_post_for_everyone(reader):
    PostFactory(slug="open-day", title_en="Open day", body_en="Come **along**.")

    response = reader.get("/en/news/open-day/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Open day</h1>" in html
    assert "<p>Come <strong>along</strong>.</p>" in html
    assert _h1_count(html) == 1


def test_news_detail_of_members_only_post_sends_anonymous_to_login(client):
    MembersOnlyPostFactory(slug="inside", body_en="internal body")

    response = client.get("/en/news/inside/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/en/news/inside/&lang=en"


def test_news_detail_of_members_only_post_refuses_user_without_firm(client, outsider_user):
    MembersOnlyPostFactory(slug="inside", title_en="Inside story", body_en="internal body")
    client.force_login(outsider_user)

    response = client.get("/en/news/inside/")

    html = response.content.decode()
    assert response.status_code == 403
    assert "Inside story" not in html
    assert "internal body" not in html


@pytest.mark.parametrize("reader", MEMBER_READERS, indirect=True)
def test_news_detail_of_members_only_post_for_members(reader):
    MembersOnlyPostFactory(slug="inside", title_en="Inside story")

    response = reader.get("/en/news/inside/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Inside story</h1>" in html
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize("reader", ALL_READERS, indirect=True)
def test_news_detail_of_scheduled_post_is_not_found_for_everyone(reader):
    ScheduledPostFactory(slug="soon", title_en="Coming soon")

    response = reader.get("/en/news/soon/")

    assert response.status_code == 404
    assert "Coming soon" not in response.content.decode()


def test_news_detail_of_unknown_slug_is_not_found(client):
    assert client.get("/en/news/nothing-here/").status_code == 404


@pytest.mark.parametrize(("path", "title"), [("/pl/news/two/", "Po polsku"), ("/en/news/two/", "In English")])
def test_news_detail_in_both_languages(client, path, title):
    PostFactory(slug="two", title_pl="Po polsku", title_en="In English")

    html = client.get(path).content.decode()

    assert f"<h1>{title}</h1>" in html
    assert '<link rel="alternate" hreflang="pl" href="http://testserver/pl/news/two/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/news/two/">' in html


def test_news_detail_has_open_graph_tags(client):
    PostFactory(slug="og", title_en="Tags & more", summary_en="Short <summary>")

    html = client.get("/en/news/og/").content.decode()

    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Tags &amp; more">' in html
    assert '<meta property="og:description" content="Short &lt;summary&gt;">' in html
    assert '<meta property="og:url" content="http://testserver/en/news/og/">' in html


def test_news_detail_has_news_article_json_ld_that_cannot_break_out(client):
    post = PostFactory(slug="ld", title_en="</script><script>alert(1)</script>", summary_en="A & B")

    html = client.get("/en/news/ld/").content.decode()

    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert "<script>alert(1)" not in html
    assert data["@type"] == "NewsArticle"
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "</script><script>alert(1)</script>"
    assert data["description"] == "A & B"
    assert data["datePublished"] == post.published_at.isoformat()
    assert data["mainEntityOfPage"] == "http://testserver/en/news/ld/"
    assert data["inLanguage"] == "en"


def test_news_detail_shows_deadline_of_open_call(client):
    CallFactory(slug="call", deadline=timezone.now() + dt.timedelta(days=3))

    html = client.get("/en/news/call/").content.decode()

    assert "Application deadline:" in html
    assert '<span class="badge badge--ok">Open</span>' in html


# --- calls --------------------------------------------------------------------------


@pytest.mark.parametrize("reader", ALL_READERS, indirect=True)
def test_call_list_lists_open_calls_nearest_first_and_marks_closed(reader):
    now = timezone.now()
    CallFactory(title_en="Later call", deadline=now + dt.timedelta(days=30))
    CallFactory(title_en="Sooner tender", category=Post.Category.TENDER, deadline=now + dt.timedelta(days=2))
    CallFactory(title_en="Past call", deadline=now - dt.timedelta(days=2))

    response = reader.get("/en/news/calls/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Sooner tender") < html.index("Later call") < html.index("Past call")
    closed_section = html[html.index('id="closed-calls"') :]
    assert "Past call" in closed_section
    assert '<span class="badge badge--warn">Closed</span>' in closed_section
    assert _h1_count(html) == 1


@pytest.mark.parametrize("reader", NON_MEMBER_READERS, indirect=True)
def test_call_list_hides_members_only_and_scheduled_calls_from_non_members(reader):
    CallFactory(title_en="Members call", visibility=Post.Visibility.MEMBERS)
    CallFactory(title_en="Future call", published_at=timezone.now() + dt.timedelta(days=1))

    html = reader.get("/en/news/calls/").content.decode()

    assert "Members call" not in html
    assert "Future call" not in html


@pytest.mark.parametrize("reader", MEMBER_READERS, indirect=True)
def test_call_list_shows_members_only_calls_to_members(reader):
    CallFactory(title_en="Members call", visibility=Post.Visibility.MEMBERS)
    CallFactory(title_en="Future call", published_at=timezone.now() + dt.timedelta(days=1))

    html = reader.get("/en/news/calls/").content.decode()

    assert "Members call" in html
    assert "Future call" not in html


@pytest.mark.parametrize("path", ["/pl/news/calls/", "/en/news/calls/"])
def test_call_list_in_both_languages(client, path):
    CallFactory(title_pl="Nabór PL", title_en="Call EN")

    html = client.get(path).content.decode()

    assert ("Nabór PL" if path.startswith("/pl/") else "Call EN") in html
    assert _h1_count(html) == 1


def test_news_detail_with_lead_image_has_thumbnail_and_og_image(client):
    import factory

    PostFactory(slug="pic", image=factory.django.ImageField(width=1600, height=900, color="blue"))

    html = client.get("/en/news/pic/").content.decode()

    og = re.search(r'<meta property="og:image" content="(http://testserver/media/thumbs/[^"]+\.webp)">', html)
    assert og is not None
    assert re.search(r'<img class="news-article__image" src="/media/thumbs/[^"]+\.webp"', html) is not None
    assert client.get(og.group(1).removeprefix("http://testserver")).status_code == 200


def test_news_list_with_lead_images_shows_thumbnails(client):
    import factory

    PostFactory(image=factory.django.ImageField(width=800, height=600, color="red"))

    html = client.get("/en/news/").content.decode()

    assert re.search(r'<img class="news-card__image" src="/media/thumbs/[^"]+\.webp"', html) is not None


def _lead(title, **fields):
    from productions.models import ProductionLead

    return ProductionLead.objects.create(title_pl=title, title_en=title, **fields)


def test_news_detail_shows_related_production_leads_to_members_only(client, member_user):
    from productions.models import ProductionLead

    draft = _lead("Draft lead")
    published = _lead("Feature in Kraków", published_at=timezone.now())
    wrapped = _lead(
        "Wrapped series",
        published_at=timezone.now(),
        status=ProductionLead.Status.WRAPPED,
        visibility=ProductionLead.Visibility.PUBLIC,
    )
    PostFactory(slug="p").related_productions.set([draft, published, wrapped])

    anonymous_html = client.get("/en/news/p/").content.decode()
    client.force_login(member_user)
    member_html = client.get("/en/news/p/").content.decode()

    assert "Feature in Kraków" not in anonymous_html
    assert "Draft lead" not in anonymous_html
    assert f'<a href="/en/productions/showcase/{wrapped.pk}/">Wrapped series</a>' in anonymous_html
    assert f'<a href="/en/productions/{published.pk}/">Feature in Kraków</a>' in member_html
    assert f'<a href="/en/productions/{wrapped.pk}/">Wrapped series</a>' in member_html
    assert "Draft lead" not in member_html


def test_news_detail_shows_only_public_active_related_members(client):
    from members.models import Member
    from tests.factories.members import MemberFactory

    shown = MemberFactory(name="Shown Studio")
    hidden = MemberFactory(name="Hidden Studio", is_public=False)
    former = MemberFactory(name="Former Studio", status=Member.Status.FORMER)
    PostFactory(slug="m").related_members.set([shown, hidden, former])

    html = client.get("/en/news/m/").content.decode()

    assert f'<a href="/en/members/{shown.slug}/">Shown Studio</a>' in html
    assert "Hidden Studio" not in html
    assert "Former Studio" not in html


def test_news_list_invites_anonymous_visitors_to_log_in_for_members_news(client):
    html = client.get("/en/news/?category=press").content.decode()

    assert '<a href="/accounts/login/?next=/en/news/%3Fcategory%3Dpress">log in</a>' in html


def test_news_list_does_not_invite_logged_in_users_to_log_in(client, member_user):
    client.force_login(member_user)

    html = client.get("/en/news/").content.decode()

    assert "see more news after they" not in html


@pytest.mark.parametrize("size", [5, 50])
def test_call_list_query_budget_is_constant(client, member_user, django_assert_num_queries, size):
    now = timezone.now()
    for n in range(size):
        CallFactory(deadline=now + dt.timedelta(days=n - size // 2))
    client.force_login(member_user)
    client.get("/en/news/calls/")  # warm the session cache

    with django_assert_num_queries(5):
        response = client.get("/en/news/calls/")

    assert response.status_code == 200


def test_news_detail_never_publishes_the_email_of_an_author_without_a_name(client):
    from tests.factories.accounts import CoordinatorFactory

    author = CoordinatorFactory(name="", email="office.person@example.org")
    PostFactory(slug="by-nameless", author=author)

    html = client.get("/en/news/by-nameless/").content.decode()

    assert "office.person@example.org" not in html
    assert '"author"' not in html


def test_news_detail_names_the_author(client):
    from tests.factories.accounts import CoordinatorFactory

    PostFactory(slug="by-named", author=CoordinatorFactory(name="Anna Nowak"))

    html = client.get("/en/news/by-named/").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))

    assert "· Anna Nowak" in html
    assert data["author"] == {"@type": "Person", "name": "Anna Nowak"}
