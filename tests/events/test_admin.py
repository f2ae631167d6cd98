import csv
import io

import pytest
from django.utils import timezone

from events.models import Event
from tests.factories.events import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _action(client, action, events, **extra):
    data = {"action": action, "_selected_action": [e.pk for e in events], **extra}
    return client.post("/admin/events/event/", data, headers={"accept-language": "en"})


def test_admin_csv_export_lists_registrations_and_defuses_formulas(client, coordinator):
    event = EventFactory(title_en="Sound", title_pl="Dźwięk")
    RegistrationFactory(event=event, name="=HYPERLINK(1)", email="a@example.org", attended_at=timezone.now())
    RegistrationFactory(event=event, name="\t=1+1", email="b@example.org")
    RegistrationFactory(event=event, name="\r@SUM(1)", email="c@example.org")
    client.force_login(coordinator)

    response = _action(client, "export_registrations_csv", [event])

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(rows) == 4
    name, email, status = (rows[0].index(column) for column in ("name", "email", "status"))
    assert [rows[1][name], rows[1][email], rows[1][status]] == ["'=HYPERLINK(1)", "a@example.org", "Confirmed"]
    assert [row[name] for row in rows[2:]] == ["'\t=1+1", "'\r@SUM(1)"]


def test_admin_printable_attendance_list(client, coordinator):
    event = EventFactory()
    RegistrationFactory(event=event, name="Zofia Żółć")
    RegistrationFactory(event=event, name="Waiting Person", status="waitlisted")
    client.force_login(coordinator)

    response = _action(client, "print_attendance_list", [event])

    html = response.content.decode()
    assert response.status_code == 200
    assert "Zofia Żółć" in html
    assert "Waiting Person" not in html


def test_admin_email_registrants_shows_form_then_queues_emails(
    client, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()
    RegistrationFactory(event=event, email="seated@example.org")
    RegistrationFactory(event=event, email="waiting@example.org", status="waitlisted")
    client.force_login(coordinator)

    form = _action(client, "email_registrants", [event])
    with django_capture_on_commit_callbacks(execute=True):
        sent = _action(
            client,
            "email_registrants",
            [event],
            send="1",
            subject="Room change",
            message="We moved to room B.",
            statuses=["confirmed"],
        )

    assert form.status_code == 200
    assert 'name="subject"' in form.content.decode()
    assert sent.status_code == 302
    assert [(m.to, m.subject) for m in mailoutbox] == [(["seated@example.org"], "Room change")]
    assert "We moved to room B." in mailoutbox[0].body


def test_admin_event_changelist_and_change_page_render(client, coordinator):
    event = EventFactory()
    RegistrationFactory(event=event)
    client.force_login(coordinator)

    changelist = client.get("/admin/events/event/")
    assert changelist.status_code == 200
    assert f'href="/pl/events/{event.slug}/attendance/"' in changelist.content.decode()
    assert client.get(f"/admin/events/event/{event.pk}/change/").status_code == 200
    assert client.get("/admin/events/registration/").status_code == 200


def test_admin_is_closed_to_members(client, member_user):
    client.force_login(member_user)

    response = client.get("/admin/events/event/")

    assert response.status_code == 302
    assert Event.objects.count() == 0


def test_admin_save_moves_waiting_list_up_when_capacity_is_raised(
    rf, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    from django.contrib import admin as django_admin
    from django.contrib.messages.storage.fallback import FallbackStorage

    from events.admin import EventAdmin

    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status="waitlisted", email="waiting@example.org")
    event.capacity = 2
    event.save()
    request = rf.post("/admin/")
    request.user = coordinator
    request.session = {}
    request._messages = FallbackStorage(request)
    form = type("Form", (), {"instance": event, "save_m2m": lambda self: None})()

    with django_capture_on_commit_callbacks(execute=True):
        EventAdmin(Event, django_admin.site).save_related(request, form, [], change=True)

    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert [m.to for m in mailoutbox] == [["waiting@example.org"]]


@pytest.mark.parametrize(
    ("filename", "size", "accepted"),
    [
        ("slides.pdf", 1024, True),
        ("deck.PPTX", 1024, True),
        ("page.html", 1024, False),
        ("drawing.svg", 1024, False),
        ("tool.exe", 1024, False),
        ("recording.pdf", 4096, False),
    ],
)
def test_material_file_is_checked_for_type_and_size(monkeypatch, filename, size, accepted):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories.events import MaterialFactory

    monkeypatch.setattr("events.models.MATERIAL_MAX_BYTES", 2048)
    upload = SimpleUploadedFile(filename, b"x" * size)
    material = MaterialFactory.build(event=EventFactory(), url="", file=upload)

    if accepted:
        material.full_clean()
    else:
        with pytest.raises(ValidationError) as refused:
            material.full_clean()
        assert list(refused.value.message_dict) == ["file"]
