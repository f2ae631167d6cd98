from django.test import RequestFactory

from core import ratelimit


def test_rate_limit_allows_up_to_the_limit_then_refuses():
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")

    results = [ratelimit.hit(request, "test", "3/h") for _ in range(5)]

    assert results == [True, True, True, False, False]


def test_rate_limit_counts_each_address_separately():
    first = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    second = RequestFactory().post("/", REMOTE_ADDR="203.0.113.8")

    ratelimit.hit(first, "test", "1/h")

    assert ratelimit.hit(first, "test", "1/h") is False
    assert ratelimit.hit(second, "test", "1/h") is True
