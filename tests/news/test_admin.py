import pytest

from news.models import Post
from tests.factories.news import PostFactory

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/news/post/add/"
PREVIEW_URL = "/admin/news/post/preview/"


def _form_data(**overrides):
    data = {
        "title_pl": "Nabór do programu",
        "title_en": "Call for the programme",
        "slug": "nabor-do-programu",
        "category": Post.Category.FUNDING_CALL,
        "visibility": Post.Visibility.PUBLIC,
        "published_at_0": "2026-03-01",
        "published_at_1": "10:00:00",
        "deadline_0": "",
        "deadline_1": "",
        "summary_pl": "",
        "summary_en": "",
        "body_pl": "Treść **naboru**.",
        "body_en": "The **call**.",
        "image_alt_pl": "",
        "image_alt_en": "",
        "author": "",
    }
    data.update(overrides)
    return data


def test_admin_form_requires_deadline_for_funding_call(client, coordinator):
    client.force_login(coordinator)

    response = client.post(ADD_URL, _form_data(), headers={"accept-language": "en"})

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors == {"deadline": ["Funding calls and tenders need an application deadline."]}
    assert Post.objects.count() == 0
    # What was typed is kept.
    assert form["body_pl"].value() == "Treść **naboru**."


def test_admin_form_requires_deadline_for_tender(client, coordinator):
    client.force_login(coordinator)

    response = client.post(ADD_URL, _form_data(category=Post.Category.TENDER), headers={"accept-language": "en"})

    assert response.context["adminform"].form.errors == {
        "deadline": ["Funding calls and tenders need an application deadline."]
    }


def test_admin_form_saves_call_with_deadline_and_renders_body(client, coordinator):
    client.force_login(coordinator)

    response = client.post(ADD_URL, _form_data(deadline_0="2026-04-30", deadline_1="23:59:00"))

    post = Post.objects.get()
    assert response.status_code == 302
    assert post.deadline.isoformat() == "2026-04-30T21:59:00+00:00"
    assert post.body_html_pl == "<p>Treść <strong>naboru</strong>.</p>"


def test_admin_form_requires_polish_title(client, coordinator):
    client.force_login(coordinator)

    response = client.post(ADD_URL, _form_data(title_pl="", category=Post.Category.PRESS))

    assert list(response.context["adminform"].form.errors) == ["title_pl"]


def test_admin_change_page_shows_rendered_body(client, coordinator):
    post = PostFactory(body_pl="**gruba**")
    client.force_login(coordinator)

    html = client.get(f"/admin/news/post/{post.pk}/change/").content.decode()

    assert '<div class="news-preview"><p><strong>gruba</strong></p></div>' in html
    assert "news/admin-preview.js" in html


def test_admin_preview_returns_sanitised_html(client, coordinator):
    client.force_login(coordinator)

    response = client.post(PREVIEW_URL, {"body": "**hi** <script>x()</script> [a](javascript:alert(1))"})

    assert response.status_code == 200
    assert response.json() == {"html": '<p><strong>hi</strong>  <a rel="noopener noreferrer nofollow">a</a></p>'}


def test_admin_preview_refuses_get(client, coordinator):
    client.force_login(coordinator)

    assert client.get(PREVIEW_URL).status_code == 405


def test_admin_preview_needs_csrf_token(coordinator):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)

    assert client.post(PREVIEW_URL, {"body": "x"}).status_code == 403


def test_admin_preview_sends_anonymous_to_admin_login(client):
    response = client.post(PREVIEW_URL, {"body": "x"})

    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={PREVIEW_URL}"


@pytest.mark.parametrize("who", ["member_user", "outsider_user"])
def test_admin_preview_refuses_non_staff_users(client, request, who):
    client.force_login(request.getfixturevalue(who))

    response = client.post(PREVIEW_URL, {"body": "x"})

    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={PREVIEW_URL}"


def test_admin_preview_refuses_staff_without_news_permission(client):
    from tests.factories.accounts import UserFactory

    client.force_login(UserFactory(is_staff=True))

    response = client.post(PREVIEW_URL, {"body": "x"})

    assert response.status_code == 403
    assert response.json() == {"error": "forbidden"}


def _png_bytes(size=(40, 30)) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 10, 10)).save(buffer, "PNG")
    return buffer.getvalue()


def test_admin_form_accepts_lead_image(client, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(coordinator)
    upload = SimpleUploadedFile("lead.png", _png_bytes(), content_type="image/png")

    response = client.post(ADD_URL, _form_data(category=Post.Category.PRESS, image=upload))

    assert response.status_code == 302
    assert Post.objects.get().image.name.startswith("news/lead")


def test_admin_form_refuses_file_that_is_not_an_image(client, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(coordinator)
    upload = SimpleUploadedFile("lead.png", b"%PDF-1.4 not an image", content_type="image/png")

    response = client.post(ADD_URL, _form_data(category=Post.Category.PRESS, image=upload))

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["image"]
    assert Post.objects.count() == 0


@pytest.mark.parametrize("who", ["member_user", "outsider_user"])
def test_admin_news_pages_refuse_non_staff_users(client, request, who):
    client.force_login(request.getfixturevalue(who))

    response = client.get("/admin/news/post/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/news/post/"


def test_admin_news_list_shows_scheduled_and_call_states(client, coordinator):
    import datetime as dt

    from django.utils import timezone

    from tests.factories.news import CallFactory, ScheduledPostFactory

    ScheduledPostFactory(title_pl="Zaplanowany")
    CallFactory(title_pl="Zamknięty", deadline=timezone.now() - dt.timedelta(days=1))
    client.force_login(coordinator)

    html = client.get("/admin/news/post/", headers={"accept-language": "en"}).content.decode()

    assert '<td class="field-status_label">Scheduled</td>' in html
    assert '<td class="field-status_label">Closed</td>' in html
