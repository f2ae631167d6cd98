import datetime
import re

import pytest

from productions import services
from productions.models import ProductionInquiry, ProductionLead
from tests.core.test_cache_outage import DEAD_REDIS
from tests.factories.productions import ProductionInquiryFactory

pytestmark = pytest.mark.django_db


def _valid_data(categories, **overrides):
    return {
        "producer_name": "Ingrid Berg",
        "company": "Fjord Pictures",
        "country": "Norway",
        "email": "ingrid@example.org",
        "project_title": "Winter Light",
        "kind": "series",
        "shooting_start": "2027-02-01",
        "shooting_end": "2027-03-15",
        "locations": "Kraków, Zakopane",
        "services_needed": [categories["camera"].pk, categories["sound"].pk],
        "budget_band": "1m-5m",
        "message": "Six episodes, winter exteriors.",
        "consent": "on",
        **overrides,
    }


def test_inquiry_sends_english_acknowledgement_and_notifies_coordinator(
    client, categories, mailoutbox, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/productions/inquiry/", _valid_data(categories))

    assert response.status_code == 302
    assert response["Location"] == "/en/productions/inquiry/thanks/"
    inquiry = ProductionInquiry.objects.get()
    assert (
        inquiry.language,
        inquiry.project_title,
        sorted(inquiry.services_needed.values_list("slug", flat=True)),
    ) == (
        "en",
        "Winter Light",
        ["camera-rental", "sound-post"],
    )
    assert [m.to for m in mailoutbox] == [["ingrid@example.org"], [settings.COORDINATOR_EMAIL]]
    assert mailoutbox[0].subject == "We have received your production inquiry: Winter Light"
    assert "Camera rental" in mailoutbox[0].body
    assert mailoutbox[1].reply_to == ["ingrid@example.org"]
    # The address is not verified: the acknowledgement does not carry the free-text
    # message to it (the form would relay anyone's text to any address); the office's does.
    assert "Six episodes, winter exteriors." not in mailoutbox[0].body
    assert "Six episodes, winter exteriors." not in mailoutbox[0].alternatives[0][0]
    assert "Six episodes, winter exteriors." in mailoutbox[1].body


def test_inquiry_in_polish_acknowledges_in_polish(client, categories, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/pl/productions/inquiry/", _valid_data(categories))

    assert ProductionInquiry.objects.get().language == "pl"
    assert "Wynajem kamer" in mailoutbox[0].body


def test_inquiry_validation_keeps_input_and_shows_errors_next_to_fields(client, categories):
    data = _valid_data(categories, email="not-an-email", consent="", shooting_end="2027-01-01")

    response = client.post("/en/productions/inquiry/", data)

    html = response.content.decode()
    assert response.status_code == 400
    assert ProductionInquiry.objects.count() == 0
    assert set(response.context["form"].errors) == {"email", "consent", "shooting_end"}
    assert 'value="Fjord Pictures"' in html
    assert 'value="not-an-email"' in html
    assert "Six episodes, winter exteriors." in html
    checked = re.findall(r'<input type="checkbox" name="services_needed" value="(\d+)"[^>]*checked>', html)
    assert sorted(int(pk) for pk in checked) == sorted([categories["camera"].pk, categories["sound"].pk])
    assert 'id="id_shooting_end_errors"' in html
    assert "The shoot cannot end before it starts." in html


def test_inquiry_honeypot_pretends_success_and_saves_nothing(client, categories, mailoutbox):
    response = client.post("/en/productions/inquiry/", _valid_data(categories, website_url="http://spam.example"))

    assert response.status_code == 302
    assert ProductionInquiry.objects.count() == 0
    assert mailoutbox == []


def test_inquiry_rate_limit_keeps_input(client, categories, settings):
    settings.PUBLIC_FORM_RATE = "1/h"
    client.post("/en/productions/inquiry/", _valid_data(categories))

    response = client.post("/en/productions/inquiry/", _valid_data(categories, project_title="Second"))

    assert response.status_code == 429
    assert ProductionInquiry.objects.count() == 1
    assert "You have sent several messages from your address in a short time." in response.content.decode()
    assert 'value="Second"' in response.content.decode()


def test_inquiry_conversion_carries_the_fields_over(categories, coordinator):
    inquiry = ProductionInquiryFactory(
        project_title="Winter Light",
        kind="series",
        shooting_start=datetime.date(2027, 2, 1),
        shooting_end=datetime.date(2027, 3, 15),
        locations="Zakopane",
        budget_band="1m-5m",
        message="Six episodes.",
        services_needed=[categories["camera"], categories["sound"]],
    )

    lead = services.inquiry_convert_to_lead(inquiry=inquiry, user=coordinator)
    again = services.inquiry_convert_to_lead(inquiry=inquiry, user=coordinator)

    assert again.pk == lead.pk
    assert ProductionLead.objects.count() == 1
    lead = ProductionLead.objects.get(pk=lead.pk)
    assert (
        lead.title_pl,
        lead.title_en,
        lead.kind,
        lead.producer_company,
        lead.producer_country,
        lead.shooting_start,
        lead.shooting_end,
        lead.locations,
        lead.budget_band,
        lead.description_en,
        lead.description_pl,
        lead.contact_name,
        lead.contact_email,
        lead.source,
        lead.published_at,
        lead.created_by,
    ) == (
        "Winter Light",
        "Winter Light",
        "series",
        "Fjord Pictures",
        "Norway",
        datetime.date(2027, 2, 1),
        datetime.date(2027, 3, 15),
        "Zakopane",
        "1m-5m",
        "Six episodes.",
        None,
        "Ingrid Berg",
        inquiry.email,
        f"Production inquiry #{inquiry.pk}",
        None,
        coordinator,
    )
    assert set(lead.services_needed.all()) == {categories["camera"], categories["sound"]}
    assert ProductionInquiry.objects.get(pk=inquiry.pk).lead == lead


def test_inquiry_sent_twice_is_received_once(client, categories, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/en/productions/inquiry/", _valid_data(categories))
        second = client.post("/en/productions/inquiry/", _valid_data(categories, email="INGRID@example.org"))
        other = client.post("/en/productions/inquiry/", _valid_data(categories, project_title="Summer Light"))

    assert [r["Location"] for r in (first, second, other)] == ["/en/productions/inquiry/thanks/"] * 3
    assert list(ProductionInquiry.objects.order_by("pk").values_list("project_title", flat=True)) == [
        "Winter Light",
        "Summer Light",
    ]
    assert len(mailoutbox) == 4


def test_inquiry_in_polish_becomes_a_lead_described_in_polish(coordinator):
    inquiry = ProductionInquiryFactory(language="pl", message="Sześć odcinków.")

    lead = services.inquiry_convert_to_lead(inquiry=inquiry, user=coordinator)

    lead = ProductionLead.objects.get(pk=lead.pk)
    assert (lead.description_pl, lead.description_en) == ("Sześć odcinków.", None)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("producer_name", "Ingrid\r\nBcc: everyone@example.org"),
        ("company", "Fjord\nPictures"),
        ("project_title", "Winter\x07Light"),
    ],
)
def test_single_line_fields_refuse_line_breaks_and_control_characters(client, categories, mailoutbox, field, value):
    response = client.post("/en/productions/inquiry/", _valid_data(categories, **{field: value}))

    assert response.status_code == 400  # the public forms answer invalid posts with 400
    assert response.context["form"].errors[field] == [
        "Please write this on one line, without line breaks or control characters."
    ]
    assert response.context["form"]["message"].value() == "Six episodes, winter exteriors."
    assert ProductionInquiry.objects.count() == 0
    assert mailoutbox == []


def test_the_message_may_have_several_lines(client, categories):
    client.post("/en/productions/inquiry/", _valid_data(categories, message="Six episodes.\r\nWinter exteriors."))

    assert ProductionInquiry.objects.get().message.splitlines() == ["Six episodes.", "Winter exteriors."]


def test_a_public_form_still_goes_through_while_redis_is_down(client, settings, categories):
    """The resubmission guard must not take an unreachable cache for an earlier claim:
    the producer's inquiry is stored, not dropped behind the thanks page."""
    settings.CACHES = DEAD_REDIS

    response = client.post("/en/productions/inquiry/", _valid_data(categories))

    assert response.status_code == 302
    assert ProductionInquiry.objects.filter(email="ingrid@example.org").count() == 1
