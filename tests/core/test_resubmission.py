"""The same form content is claimed once in Redis; failures give the claim back."""

import pytest

from core.resubmission import Submission


def test_the_same_content_is_claimed_once_whatever_its_case_and_spacing():
    assert Submission("t", "a@example.org", "Hello  there").claim() is True
    assert Submission("t", "A@example.org", " hello there ").claim() is False
    assert Submission("t", "a@example.org", "Another message").claim() is True
    assert Submission("other-form", "a@example.org", "Hello there").claim() is True


def test_an_error_inside_the_block_gives_the_claim_back():
    def send_and_fail():
        with Submission("t", "b@example.org").claimed() as first:
            assert first is True
            raise RuntimeError("SMTP down")

    with pytest.raises(RuntimeError):
        send_and_fail()

    with Submission("t", "b@example.org").claimed() as first:
        assert first is True
    with Submission("t", "b@example.org").claimed() as first:
        assert first is False


def test_release_lets_the_same_content_through_again():
    submission = Submission("t", "c@example.org")
    assert submission.claim() is True

    submission.release()

    assert submission.claim() is True
