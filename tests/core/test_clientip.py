import pytest
from allauth.account.adapter import get_adapter
from django.test import RequestFactory

from core import ratelimit
from core.clientip import client_ip


def _request(remote="198.51.100.9", forwarded=None):
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return RequestFactory().post("/", REMOTE_ADDR=remote, headers=headers)


def test_client_ip_ignores_forwarded_for_without_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = None

    assert client_ip(_request(forwarded="203.0.113.1")) == "198.51.100.9"


def test_client_ip_with_a_proxy_count_reads_what_the_outermost_proxy_saw(settings):
    settings.TRUSTED_PROXIES = 1

    assert client_ip(_request(forwarded="203.0.113.7")) == "203.0.113.7"
    # The client sent its own header; the proxy appended the real address.
    assert client_ip(_request(forwarded="1.2.3.4, 203.0.113.7")) == "203.0.113.7"


def test_client_ip_with_two_proxies_skips_the_inner_hop(settings):
    settings.TRUSTED_PROXIES = 2

    assert client_ip(_request(forwarded="1.2.3.4, 203.0.113.7, 10.0.0.5")) == "203.0.113.7"


def test_client_ip_with_trusted_networks_skips_only_trusted_hops(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]

    assert client_ip(_request(remote="10.0.0.2", forwarded="1.2.3.4, 203.0.113.7, 10.0.0.5")) == "203.0.113.7"
    # A request that did not come through a trusted proxy keeps its own address.
    assert client_ip(_request(remote="198.51.100.9", forwarded="203.0.113.7")) == "198.51.100.9"


def test_client_ip_stops_at_garbage_written_in_a_trusted_position(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]

    assert client_ip(_request(remote="10.0.0.2", forwarded="not-an-ip")) == "10.0.0.2"
    settings.TRUSTED_PROXIES = 1
    assert client_ip(_request(remote="10.0.0.2", forwarded="not-an-ip")) == "10.0.0.2"


@pytest.mark.parametrize("trusted", [None, 1, ["10.0.0.0/8"]])
def test_spoofed_forwarded_for_never_buys_another_budget(settings, trusted):
    settings.TRUSTED_PROXIES = trusted
    results = [
        ratelimit.hit(_request(remote="10.0.0.2", forwarded=f"192.0.2.{n}, 203.0.113.7"), "spoof", "5/h")
        for n in range(8)
    ]

    assert results == [True] * 5 + [False] * 3


def test_allauth_counts_the_same_address(settings):

    settings.TRUSTED_PROXIES = 1
    request = _request(remote="10.0.0.2", forwarded="192.0.2.1, 203.0.113.7")

    assert get_adapter(request).get_client_ip(request) == "203.0.113.7"
