import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from events import services
from events.models import Registration
from tests.factories.accounts import MembershipFactory
from tests.factories.events import EventFactory, MaterialFactory, MembersOnlyEventFactory, RegistrationFactory
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db
WARSAW = ZoneInfo("Europe/Warsaw")
Status = Registration.Status


def _h1_count(response) -> int:
    return len(re.findall(r"<h1[\s>]", response.content.decode()))


# --- list, month grid, filters ------------------------------------------------------


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_event_list_shows_upcoming_public_events_in_both_languages(client, lang):
    event = EventFactory(title_pl="Szkolenie z oświetlenia", title_en="Lighting training")
    EventFactory(starts_at=timezone.now() - timedelta(days=3), title_en="Old one", title_pl="Stare")

    response = client.get(f"/{lang}/events/")

    html = response.content.decode()
    assert response.status_code == 200
    assert _h1_count(response) == 1
    assert (event.title_pl if lang == "pl" else event.title_en) in html
    assert "Old one" not in html
    assert "Stare" not in html


def test_event_list_past_tab_lists_past_events_newest_first(client):
    older = EventFactory(starts_at=timezone.now() - timedelta(days=30))
    newer = EventFactory(starts_at=timezone.now() - timedelta(days=3))
    EventFactory()

    response = client.get("/en/events/?when=past")

    assert [e.pk for e in response.context["events"]] == [newer.pk, older.pk]


def test_event_list_filters_by_kind(client):
    workshop = EventFactory(kind="workshop")
    EventFactory(kind="training")

    response = client.get("/en/events/?kind=workshop")

    assert [e.pk for e in response.context["events"]] == [workshop.pk]


def test_event_list_filters_by_month_including_multi_day_events(client):
    march = EventFactory(
        starts_at=datetime(2099, 3, 31, 10, tzinfo=WARSAW), ends_at=datetime(2099, 4, 1, 17, tzinfo=WARSAW)
    )
    EventFactory(starts_at=datetime(2099, 5, 3, 10, tzinfo=WARSAW))

    response = client.get("/en/events/?month=2099-04")

    assert [e.pk for e in response.context["events"]] == [march.pk]


def test_month_grid_places_event_on_each_of_its_days(client):
    event = EventFactory(
        title_en="Two-day forum",
        starts_at=datetime(2099, 6, 10, 10, tzinfo=WARSAW),
        ends_at=datetime(2099, 6, 11, 16, tzinfo=WARSAW),
    )

    response = client.get("/en/events/calendar/?month=2099-06")

    days = [day for week in response.context["weeks"] for day in week if event in day.events]
    assert response.status_code == 200
    assert _h1_count(response) == 1
    assert [d.date.day for d in days] == [10, 11]
    grid = response.content.decode().split('<ol class="agenda"')
    assert grid[0].count("Two-day forum") == 2  # the month grid
    assert grid[1].count("Two-day forum") == 2  # the phone's agenda list


def test_event_list_pages_keep_the_filter_in_their_links(client):
    for _ in range(21):
        EventFactory(kind="workshop")

    first = client.get("/en/events/?kind=workshop").content.decode()
    second = client.get("/en/events/?kind=workshop&page=2").content.decode()

    assert '<a href="?kind=workshop&amp;page=2" rel="next">Next</a>' in first
    assert "Page 1 of 2" in first
    assert '<a href="?kind=workshop&amp;page=1" rel="prev">Previous</a>' in second


@pytest.mark.parametrize("size", [5, 50])
def test_event_list_query_budget_is_constant_for_anonymous(client, django_assert_num_queries, size):
    for _ in range(size):
        EventFactory()

    with django_assert_num_queries(2):  # count + page
        response = client.get("/en/events/")

    assert len(response.context["events"]) == min(size, 20)


@pytest.mark.parametrize("size", [5, 50])
def test_event_list_query_budget_is_constant_for_member(client, member_user, django_assert_num_queries, size):
    for _ in range(size):
        event = MembersOnlyEventFactory()
        RegistrationFactory(event=event)
    client.force_login(member_user)

    # user, membership (visibility), membership (menu), count, own registrations, page
    with django_assert_num_queries(7):
        response = client.get("/en/events/")

    assert len(response.context["events"]) == min(size, 20)


# --- members-only events never reach anonymous users --------------------------------


def test_members_only_event_is_missing_from_every_anonymous_page_and_feed(client):
    secret = MembersOnlyEventFactory(title_en="Secret members meeting", title_pl="Tajne spotkanie członków")
    start = timezone.localtime(secret.starts_at)
    pages = [
        "/en/events/",
        "/pl/events/",
        "/en/events/?when=past",
        f"/en/events/?month={start:%Y-%m}",
        f"/en/events/calendar/?month={start:%Y-%m}",
        f"/pl/events/calendar/?month={start:%Y-%m}",
        "/en/events/feed.ics",
        "/pl/events/feed.ics",
        "/sitemap.xml",
    ]

    bodies = {path: client.get(path).content.decode() for path in pages}
    bodies["/sitemap.xml"] = sitemap_text(client)

    for path, body in bodies.items():
        assert "Secret members meeting" not in body, path
        assert "Tajne spotkanie" not in body, path
        assert secret.slug not in body, path


@pytest.mark.parametrize("suffix", ["", "event.ics", "materials/1/", "certificate.pdf"])
def test_members_only_event_pages_send_anonymous_to_login(client, suffix):
    secret = MembersOnlyEventFactory()

    response = client.get(f"/en/events/{secret.slug}/{suffix}")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_members_only_event_is_in_the_list_for_members(client, member_user):
    secret = MembersOnlyEventFactory(title_en="Secret members meeting")
    client.force_login(member_user)

    response = client.get("/en/events/")

    assert [e.pk for e in response.context["events"]] == [secret.pk]


def test_sitemap_lists_public_events_only(client):
    public = EventFactory()
    MembersOnlyEventFactory()

    body = sitemap_text(client)

    assert f"http://testserver/pl/events/{public.slug}/" in body
    assert f"http://testserver/en/events/{public.slug}/" in body


# --- detail: permission matrix -------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "public_status", "members_status"),
    [
        ("anonymous", 200, 302),
        ("outsider", 200, 403),
        ("member_user", 200, 200),
        ("other_member_user", 200, 200),
        ("coordinator", 200, 200),
    ],
)
def test_event_detail_permissions(client, request, who, public_status, members_status):
    public, members_only = EventFactory(), MembersOnlyEventFactory()
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    assert client.get(f"/en/events/{public.slug}/").status_code == public_status
    assert client.get(f"/en/events/{members_only.slug}/").status_code == members_status


def test_event_detail_shows_remaining_seats_and_hides_address_from_strangers(client):
    event = EventFactory(capacity=10)
    RegistrationFactory.create_batch(3, event=event)
    RegistrationFactory(event=event, status=Status.WAITLISTED)

    response = client.get(f"/en/events/{event.slug}/")

    html = response.content.decode()
    assert _h1_count(response) == 1
    assert '<span id="seats-left">7</span> / 10' in html
    assert "ul. Tajna 7" not in html
    assert "secret-room" not in html


def test_event_detail_shows_address_link_and_materials_to_registered_member(client, member_user):
    event = EventFactory()
    MaterialFactory(event=event, title="Slides from the day")
    RegistrationFactory(event=event, user=member_user, email=member_user.email)
    client.force_login(member_user)

    html = client.get(f"/en/events/{event.slug}/").content.decode()

    assert "ul. Tajna 7" in html
    assert "https://meet.example.org/secret-room" in html
    assert "Slides from the day" in html
    assert "You are registered" in html


def test_event_detail_hides_materials_from_member_of_other_firm(client, member_user, other_member_user):
    event = EventFactory()
    MaterialFactory(event=event, title="Slides from the day")
    RegistrationFactory(event=event, user=member_user, email=member_user.email)
    client.force_login(other_member_user)

    html = client.get(f"/en/events/{event.slug}/").content.decode()

    assert "Slides from the day" not in html
    assert "ul. Tajna 7" not in html


def test_event_detail_unknown_slug_is_404(client):
    assert client.get("/en/events/no-such-event/").status_code == 404


# --- registering and cancelling --------------------------------------------------------


def test_member_registers_in_one_click(client, member_user):
    event = EventFactory(capacity=5)
    client.force_login(member_user)

    response = client.post(f"/en/events/{event.slug}/register/")

    assert response.status_code == 302
    assert response["Location"] == f"/en/events/{event.slug}/"
    assert list(event.registrations.values_list("user", "status")) == [(member_user.pk, Status.CONFIRMED)]


def test_outsider_cannot_register_for_members_only_event(client, outsider):
    event = MembersOnlyEventFactory()
    client.force_login(outsider)

    response = client.post(f"/en/events/{event.slug}/register/")

    assert response.status_code == 403
    assert event.registrations.count() == 0


def test_anonymous_post_to_members_only_register_goes_to_login(client):
    event = MembersOnlyEventFactory()

    response = client.post(f"/en/events/{event.slug}/register/", {"name": "X", "email": "x@example.org"})

    assert response.status_code == 302
    assert event.registrations.count() == 0


def test_guest_registration_with_bad_email_keeps_input_and_shows_error(client):
    event = EventFactory()

    response = client.post(
        f"/en/events/{event.slug}/register/", {"name": "Ann <b>Guest</b>", "email": "not-an-email", "consent": "on"}
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="Ann &lt;b&gt;Guest&lt;/b&gt;"' in html
    assert 'id="id_email_errors"' in html
    assert event.registrations.count() == 0


def test_guest_registration_caught_by_honeypot_answers_as_sent_and_stores_nothing(client, mailoutbox):
    event = EventFactory()

    response = client.post(
        f"/en/events/{event.slug}/register/",
        {"name": "Bot", "email": "bot@example.org", "consent": "on", "website_url": "http://spam.example"},
    )

    assert (response.status_code, response["Location"]) == (302, f"/en/events/{event.slug}/")
    assert event.registrations.count() == 0
    assert mailoutbox == []


def test_guest_registration_invalid_posts_do_not_use_up_the_rate_limit(client, settings):
    settings.PUBLIC_FORM_RATE = "1/h"
    event = EventFactory()
    url = f"/en/events/{event.slug}/register/"

    invalid = [client.post(url, {"name": "Ann", "email": "no-at-sign", "consent": "on"}).status_code for _ in range(3)]
    valid = client.post(url, {"name": "Ann", "email": "ann@example.org", "consent": "on"})

    assert invalid == [400, 400, 400]
    assert valid.status_code == 302
    assert event.registrations.count() == 1


def test_guest_registration_sent_twice_registers_once(client):
    event = EventFactory()
    data = {"name": "Ann", "email": "ann@example.org", "consent": "on"}

    codes = [client.post(f"/en/events/{event.slug}/register/", data).status_code for _ in range(2)]

    assert codes == [302, 302]
    assert event.registrations.count() == 1


def test_guest_registration_is_rate_limited(client, settings):
    settings.PUBLIC_FORM_RATE = "2/h"
    event = EventFactory()
    data = {"name": "Ann", "consent": "on"}

    codes = [
        client.post(f"/en/events/{event.slug}/register/", {**data, "email": f"a{i}@example.org"}).status_code
        for i in range(3)
    ]

    assert codes == [302, 302, 429]
    assert event.registrations.count() == 2


def test_guest_confirms_from_link_then_cancels_from_link(client, mailoutbox, django_capture_on_commit_callbacks):
    event = EventFactory(capacity=3)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/en/events/{event.slug}/register/", {"name": "Ann Guest", "email": "ann@example.org", "consent": "on"}
        )
    confirm_path = re.search(r"http://[^/]+(/en/events/confirm/[^/]+/)", mailoutbox[0].body).group(1)

    page = client.get(confirm_path)
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(confirm_path)
    cancel_path = re.search(r"http://[^/]+(/en/events/cancel/[^/]+/)", mailoutbox[1].body).group(1)
    cancelled = client.post(cancel_path)

    assert page.status_code == 200
    assert event.registrations.get().status == Status.CANCELLED
    assert "You are registered." in confirmed.content.decode()
    assert "Your registration is cancelled." in cancelled.content.decode()


def test_guest_confirm_with_forged_token_is_400(client):
    response = client.get("/en/events/confirm/forged-token/")

    assert response.status_code == 400
    assert "This link is not valid or has expired." in response.content.decode()


def test_guest_confirm_with_cancel_token_is_refused(client):
    registration = RegistrationFactory(status=Status.PENDING)
    token = services.registration_token(registration, "cancel")

    response = client.post(f"/en/events/confirm/{token}/")

    assert response.status_code == 400
    assert Registration.objects.get(pk=registration.pk).status == Status.PENDING


def test_member_cancels_own_registration(client, member_user):
    event = EventFactory()
    registration = services.register_user(event=event, user=member_user)
    client.force_login(member_user)

    response = client.post(f"/en/events/{event.slug}/cancel/")

    assert response.status_code == 302
    assert Registration.objects.get(pk=registration.pk).status == Status.CANCELLED


def test_cancel_by_other_firms_user_does_not_touch_the_registration(client, member_user, other_member_user):
    event = EventFactory()
    registration = services.register_user(event=event, user=member_user)
    client.force_login(other_member_user)

    response = client.post(f"/en/events/{event.slug}/cancel/")

    assert response.status_code == 404
    assert Registration.objects.get(pk=registration.pk).status == Status.CONFIRMED


def test_cancel_anonymous_goes_to_login(client):
    event = EventFactory()

    response = client.post(f"/en/events/{event.slug}/cancel/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- private calendar page --------------------------------------------------------------


@pytest.mark.parametrize(("who", "status"), [("outsider", 403), ("member_user", 200), ("coordinator", 200)])
def test_my_calendar_permissions(client, request, who, status):
    client.force_login(request.getfixturevalue(who))

    assert client.get("/en/events/my-calendar/").status_code == status


def test_my_calendar_anonymous_goes_to_login(client):
    response = client.get("/en/events/my-calendar/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_my_calendar_shows_own_token_and_reset_changes_it(client, member_user, other_member_user):
    other_token = services.feed_token_for(user=other_member_user).token
    client.force_login(member_user)

    first = client.get("/en/events/my-calendar/").content.decode()
    token = member_user.calendar_feed.token
    client.post("/en/events/my-calendar/")
    member_user.calendar_feed.refresh_from_db()

    assert f"http://testserver/en/events/feed/{token}.ics" in first
    assert other_token not in first
    assert member_user.calendar_feed.token != token
    assert client.get(f"/en/events/feed/{token}.ics").status_code == 404


# --- attendance check-list ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"), [("outsider", 403), ("member_user", 403), ("other_member_user", 403), ("coordinator", 200)]
)
def test_attendance_page_permissions(client, request, who, status):
    event = EventFactory()
    client.force_login(request.getfixturevalue(who))

    assert client.get(f"/en/events/{event.slug}/attendance/").status_code == status


def test_attendance_page_anonymous_goes_to_login(client):
    event = EventFactory()

    response = client.get(f"/en/events/{event.slug}/attendance/")

    assert response.status_code == 302


def test_attendance_one_tap_marks_and_unmarks(client, coordinator):
    event = EventFactory()
    registration = RegistrationFactory(event=event, name="Zofia Żółć")
    client.force_login(coordinator)

    page = client.get(f"/en/events/{event.slug}/attendance/")
    marked = client.post(f"/en/events/{event.slug}/attendance/", {"registration": registration.pk, "attended": "1"})
    registration.refresh_from_db()
    was_marked = registration.attended
    client.post(f"/en/events/{event.slug}/attendance/", {"registration": registration.pk, "attended": "0"})
    registration.refresh_from_db()

    assert "Zofia Żółć" in page.content.decode()
    assert _h1_count(page) == 1
    assert marked.status_code == 302
    assert marked["Location"] == f"/en/events/{event.slug}/attendance/#r{registration.pk}"
    assert was_marked is True
    assert registration.attended is False


def test_attendance_post_by_member_changes_nothing(client, member_user):
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    client.force_login(member_user)

    response = client.post(f"/en/events/{event.slug}/attendance/", {"registration": registration.pk, "attended": "1"})

    registration.refresh_from_db()
    assert response.status_code == 403
    assert registration.attended_at is None


# --- materials ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "registered", "status"),
    [
        ("outsider", False, 403),
        ("member_user", False, 403),
        ("member_user", True, 302),
        ("other_member_user", False, 403),
        ("coordinator", False, 302),
    ],
)
def test_material_permissions(client, request, who, registered, status):
    event = EventFactory()
    material = MaterialFactory(event=event)
    user = request.getfixturevalue(who)
    if registered:
        RegistrationFactory(event=event, user=user, email=user.email)
    client.force_login(user)

    response = client.get(f"/en/events/{event.slug}/materials/{material.pk}/")

    assert response.status_code == status
    if status == 302:
        assert response["Location"] == "https://files.example.org/slides.pdf"


def test_material_anonymous_goes_to_login(client):
    event = EventFactory()
    material = MaterialFactory(event=event)

    response = client.get(f"/en/events/{event.slug}/materials/{material.pk}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_material_file_is_served_to_registered_person(client, member_user):
    from django.core.files.base import ContentFile

    event = EventFactory()
    material = MaterialFactory(event=event, url="")
    material.file.save("slides.txt", ContentFile(b"the slides"))
    RegistrationFactory(event=event, user=member_user, email=member_user.email)
    client.force_login(member_user)

    response = client.get(f"/en/events/{event.slug}/materials/{material.pk}/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"the slides"
    assert response["Content-Disposition"] == 'attachment; filename="slides.txt"'


def test_other_registration_of_other_firm_user_does_not_open_materials(client, other_member_user):
    event = EventFactory()
    material = MaterialFactory(event=event)
    RegistrationFactory(event=event, user=MembershipFactory().user)
    client.force_login(other_member_user)

    assert client.get(f"/en/events/{event.slug}/materials/{material.pk}/").status_code == 403


# --- a guest's own page after the event -------------------------------------------------


def _past_training():
    start = timezone.now() - timedelta(days=2)
    return EventFactory(kind="training", starts_at=start, ends_at=start + timedelta(hours=4))


def test_guest_page_after_event_offers_materials_and_certificate(client):
    event = _past_training()
    material = MaterialFactory(event=event, title="Slides from the day")
    registration = RegistrationFactory(event=event, name="Zofia Żółć", attended_at=timezone.now())
    token = services.registration_token(registration, "cancel")

    page = client.get(f"/en/events/cancel/{token}/")
    pdf = client.get(f"/en/events/cancel/{token}/certificate.pdf")
    slides = client.get(f"/en/events/cancel/{token}/materials/{material.pk}/")

    html = page.content.decode()
    assert "Slides from the day" in html
    assert f"/en/events/cancel/{token}/certificate.pdf" in html
    assert "Cancel my registration" not in html  # the event is over
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF-")
    assert slides["Location"] == "https://files.example.org/slides.pdf"


def test_guest_who_did_not_attend_gets_no_certificate(client):
    registration = RegistrationFactory(event=_past_training())
    token = services.registration_token(registration, "cancel")

    assert client.get(f"/en/events/cancel/{token}/certificate.pdf").status_code == 404


def test_guest_material_with_confirm_token_or_cancelled_registration_is_404(client):
    event = EventFactory()
    material = MaterialFactory(event=event)
    pending = RegistrationFactory(event=event, status=Status.PENDING)
    cancelled = RegistrationFactory(event=event, status=Status.CANCELLED)

    confirm_token = services.registration_token(pending, "confirm")
    cancelled_token = services.registration_token(cancelled, "cancel")

    assert client.get(f"/en/events/cancel/{confirm_token}/materials/{material.pk}/").status_code == 404
    assert client.get(f"/en/events/cancel/{cancelled_token}/materials/{material.pk}/").status_code == 404


# --- the public pages answer everyone; members-only ones follow the access rule -----------

PERSONAS = ["anonymous", "outsider", "member_user", "other_member_user", "coordinator"]


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize(
    "path", ["/en/events/", "/pl/events/?when=past", "/en/events/calendar/", "/pl/events/feed.ics"]
)
def test_public_event_pages_answer_everyone(client, request, who, path):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("outsider", 403), ("member_user", 200), ("other_member_user", 200), ("coordinator", 200)],
)
def test_members_only_event_ics_permissions(client, request, who, status):
    event = MembersOnlyEventFactory()
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    assert client.get(f"/en/events/{event.slug}/event.ics").status_code == status


@pytest.mark.parametrize("who", PERSONAS)
def test_guest_links_act_only_with_a_valid_token(client, request, who):
    registration = RegistrationFactory(status=Status.PENDING)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    forged = client.post(f"/en/events/confirm/{registration.pk}/")
    real = client.post(f"/en/events/confirm/{services.registration_token(registration, 'confirm')}/")

    assert forged.status_code == 400
    assert real.status_code == 200
    assert Registration.objects.get(pk=registration.pk).status == Status.CONFIRMED


def test_event_with_reserved_slug_is_refused():
    from django.core.exceptions import ValidationError
    from django.utils import translation

    event = EventFactory.build(slug="calendar")

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        event.full_clean()

    with translation.override("en"):
        assert refused.value.message_dict == {"slug": ["This address is used by the portal; please choose another."]}


def test_public_event_detail_has_schema_org_event_without_the_address(client):
    import json

    event = EventFactory(title_en="</script><script>alert(1)</script>")

    html = client.get(f"/en/events/{event.slug}/").content.decode()

    payload = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(payload)
    assert data["@type"] == "Event"
    assert data["name"] == "</script><script>alert(1)</script>"
    assert data["location"] == {"@type": "Place", "name": "Room A, Kraków"}
    assert "<script>alert(1)" not in html
    assert "ul. Tajna 7" not in payload


def test_members_only_event_detail_is_noindex_without_schema(client, member_user):
    event = MembersOnlyEventFactory()
    client.force_login(member_user)

    html = client.get(f"/en/events/{event.slug}/").content.decode()

    assert '<meta name="robots" content="noindex">' in html
    assert "application/ld+json" not in html


def test_event_detail_without_venue_shows_address_to_registered_member_only(client, member_user, other_member_user):
    event = EventFactory(venue_pl="", venue_en="", address="ul. Jasna 3, Kraków")
    RegistrationFactory(event=event, user=member_user, email=member_user.email)

    client.force_login(other_member_user)
    stranger_html = client.get(f"/en/events/{event.slug}/").content.decode()
    client.force_login(member_user)
    registered_html = client.get(f"/en/events/{event.slug}/").content.decode()

    assert "ul. Jasna 3, Kraków" not in stranger_html
    assert "The exact address and the online link are shown to registered people." in stranger_html
    assert "<dt>Where</dt>" in registered_html
    assert "ul. Jasna 3, Kraków" in registered_html


def test_guest_confirm_link_of_cancelled_registration_is_not_valid_any_more(client):
    registration = RegistrationFactory(status=Status.CANCELLED)
    path = f"/en/events/confirm/{services.registration_token(registration, 'confirm')}/"

    page = client.get(path)
    posted = client.post(path)

    assert page.status_code == 400
    assert "This link is not valid or has expired." in page.content.decode()
    assert "already confirmed" not in page.content.decode()
    assert posted.status_code == 400
    assert "already confirmed" not in posted.content.decode()
    assert Registration.objects.get(pk=registration.pk).status == Status.CANCELLED


def test_guest_confirm_link_older_than_two_days_is_refused(client, monkeypatch):
    import time

    registration = RegistrationFactory(status=Status.PENDING)
    issued = time.time() - services.GUEST_CONFIRMATION_HOURS * 3600 - 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: issued)
    token = services.registration_token(registration, "confirm")
    monkeypatch.undo()

    response = client.post(f"/en/events/confirm/{token}/")

    assert response.status_code == 400
    assert Registration.objects.get(pk=registration.pk).status == Status.PENDING


def test_member_cancelling_twice_is_told_it_is_cancelled(client, member_user):
    event = EventFactory()
    registration = services.register_user(event=event, user=member_user)
    client.force_login(member_user)

    client.post(f"/en/events/{event.slug}/cancel/")
    again = client.post(f"/en/events/{event.slug}/cancel/", follow=True)

    assert again.redirect_chain == [(f"/en/events/{event.slug}/", 302)]
    assert "Your registration is cancelled." in again.content.decode()
    assert Registration.objects.get(pk=registration.pk).status == Status.CANCELLED
