import pytest
from django.urls import reverse

from members.models import Inquiry
from tests.conftest import start_worker
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.members import MemberFactory

VALID = {
    "name": "Jane Producer",
    "email": "jane@studio.example.org",
    "company": "North Star Films",
    "message": "We shoot in Kraków in May and need a camera package.",
    "consent": "on",
}


@pytest.fixture
def submit(client, django_capture_on_commit_callbacks):
    """POST and run what was queued on commit (the email task runs eagerly in unit tests)."""

    def _post(url, data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **extra)

    return _post


def profile_url(member, language="en"):
    return f"/{language}/members/{member.slug}/"


@pytest.mark.django_db
def test_inquiry_valid_is_stored_emailed_and_confirmed(client, submit, mailoutbox):
    member = MemberFactory(slug="kadr", name="Kadr Studio", email="office@kadr.example.org", languages=["pl", "en"])

    response = submit(profile_url(member), VALID)

    assert response.status_code == 302
    assert response.url == "/en/members/kadr/inquiry/sent/"
    inquiry = Inquiry.objects.get()
    assert list(inquiry.recipients.all()) == [member]
    assert (inquiry.name, inquiry.email, inquiry.company, inquiry.consent, inquiry.language) == (
        "Jane Producer",
        "jane@studio.example.org",
        "North Star Films",
        True,
        "en",
    )
    assert inquiry.source == Inquiry.Source.PROFILE
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["office@kadr.example.org"]
    assert message.reply_to == ["jane@studio.example.org"]
    assert "We shoot in Kraków in May and need a camera package." in message.body
    assert "Jane Producer" in message.alternatives[0][0]
    confirmation = client.get(response.url)
    assert "Thank you, your inquiry is on its way" in confirmation.text


@pytest.mark.django_db
@pytest.mark.parametrize(("languages", "expected"), [(["en", "pl"], "pl"), (["en", "de"], "en")])
def test_inquiry_email_is_in_the_companys_language(client, submit, mailoutbox, languages, expected):
    member = MemberFactory(languages=languages)

    submit(profile_url(member), VALID)

    assert f'<html lang="{expected}">' in mailoutbox[0].alternatives[0][0]


@pytest.mark.django_db
def test_inquiry_email_language_is_english_when_the_company_lacks_polish():
    from members.services import member_email_language

    assert member_email_language(MemberFactory(languages=["en", "de"])) == "en"
    assert member_email_language(MemberFactory(languages=["pl"])) == "pl"


@pytest.mark.django_db
def test_inquiry_without_public_email_goes_to_the_firms_users(client, submit, mailoutbox):
    member = MemberFactory(email="")
    MembershipFactory(member=member, user=UserFactory(email="boss@firm.example.org"))

    submit(profile_url(member), VALID)

    assert mailoutbox[0].to == ["boss@firm.example.org"]


@pytest.mark.django_db
def test_inquiry_invalid_keeps_input_and_shows_errors_next_to_fields(client, submit, mailoutbox):
    member = MemberFactory()
    data = {**VALID, "email": "not-an-email", "consent": ""}

    response = submit(profile_url(member), data)

    assert response.status_code == 400
    assert Inquiry.objects.count() == 0
    assert mailoutbox == []
    form = response.context["form"]
    assert set(form.errors) == {"email", "consent"}
    assert 'value="Jane Producer"' in response.text
    assert 'value="not-an-email"' in response.text
    assert "We shoot in Kraków in May and need a camera package.</textarea>" in response.text
    assert 'id="id_email_errors"' in response.text
    assert "Enter a valid email address." in response.text


@pytest.mark.django_db
def test_inquiry_honeypot_pretends_success_and_sends_nothing(client, submit, mailoutbox):
    member = MemberFactory()

    response = submit(profile_url(member), {**VALID, "website_url": "http://spam.example.com"})

    assert response.status_code == 302
    assert response.url == f"/en/members/{member.slug}/inquiry/sent/"
    assert Inquiry.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.django_db
def test_inquiry_rate_limit_refuses_the_sixth_in_an_hour_and_keeps_input(client, submit, mailoutbox, settings):
    settings.PUBLIC_FORM_RATE = "5/h"
    member = MemberFactory()
    for n in range(5):
        assert submit(profile_url(member), {**VALID, "message": f"Message {n}"}).status_code == 302

    response = submit(profile_url(member), {**VALID, "message": "Sixth message"})

    assert response.status_code == 429
    assert "You have sent several messages from your address in a short time." in response.text
    assert "Sixth message</textarea>" in response.text
    assert Inquiry.objects.count() == 5
    assert len(mailoutbox) == 5


@pytest.mark.django_db
def test_inquiry_rate_limit_is_per_address(client, submit, settings):
    settings.PUBLIC_FORM_RATE = "1/h"
    member = MemberFactory()
    assert submit(profile_url(member), {**VALID, "message": "1"}, REMOTE_ADDR="10.0.0.1").status_code == 302

    assert submit(profile_url(member), {**VALID, "message": "2"}, REMOTE_ADDR="10.0.0.2").status_code == 302
    assert submit(profile_url(member), {**VALID, "message": "3"}, REMOTE_ADDR="10.0.0.1").status_code == 429


@pytest.mark.django_db
def test_inquiry_to_a_hidden_member_is_not_found(client, submit, mailoutbox):
    member = MemberFactory(is_public=False)

    response = submit(profile_url(member), VALID)

    assert response.status_code == 404
    assert Inquiry.objects.count() == 0


@pytest.mark.django_db
def test_shortlist_inquiry_goes_to_each_company_and_a_copy_to_the_coordinator(client, submit, mailoutbox, settings):
    settings.COORDINATOR_EMAIL = "office@cluster.example.org"
    first = MemberFactory(slug="first", email="a@first.example.org", languages=["pl"])
    second = MemberFactory(slug="second", email="b@second.example.org", languages=["en"])
    hidden = MemberFactory(slug="hidden", email="c@hidden.example.org", is_public=False)

    response = submit(reverse("members:shortlist"), {**VALID, "members": "first,second,hidden"})

    assert response.status_code == 302
    assert response.url == "/en/members/shortlist/sent/"
    inquiry = Inquiry.objects.get()
    assert inquiry.source == Inquiry.Source.SHORTLIST
    assert sorted(inquiry.recipients.values_list("slug", flat=True)) == ["first", "second"]
    assert [m.to for m in mailoutbox] == [
        ["a@first.example.org"],
        ["b@second.example.org"],
        ["office@cluster.example.org"],
        [VALID["email"]],  # the producer's receipt listing the companies
    ]
    copy = mailoutbox[2]
    assert first.name in copy.body
    assert second.name in copy.body
    assert hidden.name not in copy.body


@pytest.mark.django_db
def test_shortlist_inquiry_invalid_keeps_input(client, submit, mailoutbox):
    MemberFactory(slug="first")

    response = submit(reverse("members:shortlist"), {**VALID, "name": "", "members": "first"})

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name"}
    assert "We shoot in Kraków in May and need a camera package.</textarea>" in response.text
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_inquiry_email_delivered_through_smtp_by_a_celery_worker_in_the_companys_language(
    client, smtp_server, eager_off
):
    polish = MemberFactory(slug="polska", name="Polska Firma", email="biuro@polska.example.org", languages=["pl"])
    english = MemberFactory(slug="english", name="English Firm", email="office@english.example.org", languages=["en"])
    worker = start_worker(email_url=smtp_server.url)
    try:
        assert client.post(profile_url(polish), VALID).status_code == 302
        assert client.post(profile_url(english), VALID).status_code == 302
        messages = smtp_server.wait_for(2, timeout=60)
    finally:
        worker.stop()
        worker.log_path.unlink(missing_ok=True)

    assert len(messages) == 2
    by_recipient = {m["To"]: m for m in messages}
    to_polish = by_recipient["biuro@polska.example.org"]
    to_english = by_recipient["office@english.example.org"]
    assert to_polish["Reply-To"] == "jane@studio.example.org"
    assert to_polish.get_body(("html",))["Content-Type"].startswith("text/html")
    assert 'lang="pl"' in to_polish.get_body(("html",)).get_content()
    assert 'lang="en"' in to_english.get_body(("html",)).get_content()
    assert "Hello English Firm," in to_english.get_body(("plain",)).get_content()
    assert "We shoot in Kraków in May" in to_polish.get_body(("plain",)).get_content()


@pytest.mark.django_db
def test_shortlist_inquiry_to_companies_no_longer_public_says_so_and_keeps_input(client, submit, mailoutbox):
    MemberFactory(slug="gone", is_public=False)

    response = submit(reverse("members:shortlist"), {**VALID, "members": "gone"})

    assert response.status_code == 400
    assert "None of these companies can be contacted any more." in response.text
    assert 'value="Jane Producer"' in response.text
    assert "We shoot in Kraków in May and need a camera package.</textarea>" in response.text
    assert Inquiry.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.django_db
def test_inquiry_sent_twice_by_a_double_click_reaches_the_company_once(client, submit, mailoutbox):
    member = MemberFactory()

    first = submit(profile_url(member), VALID)
    second = submit(profile_url(member), VALID)

    assert first.status_code == second.status_code == 302
    assert second.url == first.url == f"/en/members/{member.slug}/inquiry/sent/"
    assert Inquiry.objects.count() == 1
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_inquiry_with_another_message_or_to_another_company_is_sent_again(client, submit, mailoutbox):
    member, other = MemberFactory(), MemberFactory()

    submit(profile_url(member), VALID)
    submit(profile_url(member), {**VALID, "message": "And one more question."})
    submit(profile_url(other), VALID)

    assert Inquiry.objects.count() == 3
    assert len(mailoutbox) == 3


@pytest.mark.django_db
def test_shortlist_inquiry_sent_twice_reaches_each_company_once(client, submit, mailoutbox, settings):
    settings.COORDINATOR_EMAIL = "office@cluster.example.org"
    MemberFactory(slug="first")
    MemberFactory(slug="second")
    data = {**VALID, "members": "first,second"}

    assert submit(reverse("members:shortlist"), data).status_code == 302
    assert submit(reverse("members:shortlist"), data).url == "/en/members/shortlist/sent/"

    assert Inquiry.objects.count() == 1
    assert len(mailoutbox) == 4  # two companies, the coordinator's copy and the producer's receipt


@pytest.mark.django_db
def test_inquiry_refused_by_the_rate_limit_is_sent_when_tried_again_later(client, submit, mailoutbox, settings):
    settings.PUBLIC_FORM_RATE = "1/h"
    member = MemberFactory()
    submit(profile_url(member), {**VALID, "message": "First"})
    assert submit(profile_url(member), VALID).status_code == 429
    settings.PUBLIC_FORM_RATE = "5/h"  # as if the hour had passed

    assert submit(profile_url(member), VALID).status_code == 302
    assert Inquiry.objects.count() == 2


@pytest.mark.django_db
def test_inquiry_label_shows_the_date_in_warsaw():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    inquiry = Inquiry.objects.create(name="Jane", email="jane@example.org", message="Hi")
    Inquiry.objects.filter(pk=inquiry.pk).update(
        created_at=datetime(2026, 3, 1, 0, 30, tzinfo=ZoneInfo("Europe/Warsaw"))
    )
    inquiry.refresh_from_db()

    assert str(inquiry) == "Jane <jane@example.org> (2026-03-01)"
    assert str(Inquiry(name="Jane", email="jane@example.org")) == "Jane <jane@example.org>"


@pytest.mark.django_db
def test_inquiry_email_links_to_the_profile_in_the_companys_language(client, submit, mailoutbox, settings):
    settings.SITE_URL = "https://cluster.example.org"
    MemberFactory(slug="kadr", languages=["pl"])

    submit("/en/members/kadr/", VALID)  # the producer reads English, the company Polish

    assert "https://cluster.example.org/pl/members/kadr/" in mailoutbox[0].body
    assert 'href="https://cluster.example.org/pl/members/kadr/"' in mailoutbox[0].alternatives[0][0]
    assert "/en/members/kadr/" not in mailoutbox[0].body
