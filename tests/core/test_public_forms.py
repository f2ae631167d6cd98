"""The public-form pipeline: honeypot, validation, resubmission guard, rate limit, in that order."""

import pytest
from django import forms
from django.http import HttpResponse
from django.test import RequestFactory

from core import ratelimit
from core.forms import HoneypotMixin
from core.public_forms import RATE_LIMITED, PublicForm


class ContactForm(HoneypotMixin, forms.Form):
    email = forms.EmailField()
    message = forms.CharField()


PIPELINE = PublicForm(scope="test-form", fingerprint=lambda data: (data["email"], data["message"]), rate="2/h")


class Recorder:
    def __init__(self, refuse=None, fail=None):
        self.sent, self.refuse, self.fail = [], refuse, fail

    def submit(self, form):
        if self.fail:
            raise self.fail
        if self.refuse:
            raise forms.ValidationError(self.refuse)
        self.sent.append(form.cleaned_data["message"])

    def post(self, data, address="203.0.113.5"):
        request = RequestFactory().post("/", data, REMOTE_ADDR=address)
        response = PIPELINE.handle(
            request,
            ContactForm(request.POST),
            submit=self.submit,
            succeeded=lambda: HttpResponse("sent", status=302),
            invalid=lambda form, status: HttpResponse(repr(form.errors.get_json_data()), status=status),
        )
        return response.status_code, response.content.decode()


def test_public_form_sends_a_valid_submission_once():
    recorder = Recorder()

    assert recorder.post({"email": "a@example.org", "message": "Hello"}) == (302, "sent")
    assert recorder.sent == ["Hello"]


def test_public_form_honeypot_answers_as_sent_and_counts_nothing():
    recorder = Recorder()
    bot = {"email": "a@example.org", "message": "Spam", "website_url": "http://spam.example"}

    outcomes = [recorder.post({**bot, "message": f"Spam {i}"})[0] for i in range(4)]

    assert outcomes == [302, 302, 302, 302]
    assert recorder.sent == []
    assert recorder.post({"email": "a@example.org", "message": "Real"})[0] == 302
    assert recorder.sent == ["Real"]


def test_public_form_honeypot_comes_before_validation():
    recorder = Recorder()

    status, body = recorder.post({"email": "not an address", "website_url": "x"})

    assert (status, body) == (302, "sent")


def test_public_form_invalid_post_is_400_and_does_not_use_up_the_rate_limit():
    recorder = Recorder()

    invalid = [recorder.post({"email": "not an address", "message": "x"})[0] for _ in range(5)]
    valid = [recorder.post({"email": "a@example.org", "message": f"m{i}"})[0] for i in range(3)]

    assert invalid == [400] * 5
    assert valid == [302, 302, 429]
    assert recorder.sent == ["m0", "m1"]


def test_public_form_repeat_is_answered_as_sent_without_sending_or_counting():
    recorder = Recorder()
    data = {"email": "a@example.org", "message": "Hello"}

    outcomes = [recorder.post(data)[0] for _ in range(3)]

    assert outcomes == [302, 302, 302]
    assert recorder.sent == ["Hello"]
    assert recorder.post({**data, "message": "Second"})[0] == 302  # the limit (2) still has room
    assert recorder.sent == ["Hello", "Second"]


def test_public_form_over_the_limit_is_429_with_the_message_and_can_be_sent_later(settings):
    recorder = Recorder()
    for i in range(2):
        recorder.post({"email": "a@example.org", "message": f"m{i}"})

    status, body = recorder.post({"email": "a@example.org", "message": "third"})
    ratelimit.give_back(RequestFactory().post("/", REMOTE_ADDR="203.0.113.5"), "test-form")

    assert status == 429
    assert str(RATE_LIMITED) in body
    # The refused content was not claimed: once there is room it goes through.
    assert recorder.post({"email": "a@example.org", "message": "third"})[0] == 302
    assert recorder.sent == ["m0", "m1", "third"]


def test_public_form_limit_is_per_address():
    recorder = Recorder()
    for i in range(2):
        recorder.post({"email": "a@example.org", "message": f"m{i}"})

    assert recorder.post({"email": "a@example.org", "message": "other"}, address="203.0.113.6")[0] == 302


def test_public_form_refused_submission_shows_the_reason_and_gives_everything_back():
    recorder = Recorder(refuse="The event is full.")
    data = {"email": "a@example.org", "message": "Hello"}

    outcomes = [recorder.post(data) for _ in range(3)]
    recorder.refuse = None

    assert [status for status, _ in outcomes] == [400, 400, 400]
    assert "The event is full." in outcomes[0][1]
    assert [recorder.post(data)[0], recorder.post({**data, "message": "2"})[0]] == [302, 302]
    assert recorder.sent == ["Hello", "2"]


def test_public_form_error_in_submit_releases_the_claim():
    recorder = Recorder(fail=RuntimeError("database down"))
    data = {"email": "a@example.org", "message": "Hello"}

    with pytest.raises(RuntimeError):
        recorder.post(data)
    recorder.fail = None

    assert recorder.post(data)[0] == 302
    assert recorder.sent == ["Hello"]
