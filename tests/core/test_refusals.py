import pytest
from django.utils import translation

from core import ratelimit


@pytest.mark.django_db  # the page carries the cluster's branding, read once from the database
def test_refusal_page_is_429_with_retry_after_and_when_to_try_again(rf, settings):
    settings.PUBLIC_FORM_RATE = "1/h"
    request = rf.post("/en/join/", REMOTE_ADDR="203.0.113.7")
    ratelimit.hit(request, "refusal")

    seconds = ratelimit.retry_after(request, "refusal")
    with translation.override("en"):
        response = ratelimit.too_many_requests(request, seconds).render()

    assert 3590 <= seconds <= 3600
    assert response.status_code == 429
    assert response["Retry-After"] == str(seconds)
    assert "Please try again in 60 minutes." in response.content.decode()


def test_allauth_window_is_the_longest_configured(settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key", "reset_password": "20/m/ip,5/m/key"}

    assert ratelimit.allauth_window("login_failed") == 300
    assert ratelimit.allauth_window("reset_password") == 60


def test_password_reset_flood_answers_429_page(client, settings, db):
    settings.ACCOUNT_RATE_LIMITS = {"reset_password": "2/m/ip"}
    for _attempt in range(2):
        client.post("/accounts/password/reset/", {"email": "someone@example.org"})

    response = client.post(
        "/accounts/password/reset/", {"email": "someone@example.org"}, headers={"accept-language": "en"}
    )

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Please try again in 1 minute." in response.content.decode()
