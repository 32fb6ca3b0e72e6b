"""Which address a request came from: X-Forwarded-For is believed only from a listed proxy, read
from its right end, so a browser cannot forge its way out of a throttle."""

from __future__ import annotations

import pytest

from bootstrap import trusted_proxies
from core.client_address import TrustedProxies, client_address, parse_trusted_proxies

PROXY = "10.0.0.2"


def proxies(setting: str) -> TrustedProxies:
    parsed, unreadable = parse_trusted_proxies(setting)
    assert unreadable == []
    return parsed


def test_without_trusted_proxies_the_peer_is_the_address_whatever_the_header_says() -> None:
    assert client_address(PROXY, ["203.0.113.5"], TrustedProxies()) == PROXY
    assert client_address(None, ["203.0.113.5"], TrustedProxies()) is None


def test_a_peer_that_is_not_listed_is_the_address() -> None:
    assert client_address("198.51.100.4", ["203.0.113.5"], proxies(PROXY)) == "198.51.100.4"


def test_behind_a_listed_proxy_the_forwarded_address_counts() -> None:
    assert client_address(PROXY, ["203.0.113.5"], proxies(PROXY)) == "203.0.113.5"


def test_the_right_most_untrusted_entry_counts_and_forged_left_entries_are_ignored() -> None:
    chain = ["198.51.100.1, 203.0.113.5", "10.0.0.9"]  # two headers: forged, real, inner proxy
    assert client_address(PROXY, chain, proxies("10.0.0.0/24")) == "203.0.113.5"


def test_a_proxy_on_this_machine_is_listed_by_its_loopback_address() -> None:
    # Streamlit reports a peer on this machine as None
    assert client_address(None, ["203.0.113.5"], proxies("127.0.0.1, ::1")) == "203.0.113.5"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ([], PROXY),  # no header: the proxy itself
        (["not-an-address"], PROXY),  # garbage counts as the proxy, never as a fresh address
        (["203.0.113.5:51234"], "203.0.113.5"),
        (["[2001:db8::7]:443"], "2001:db8::7"),
        ([f"{PROXY}, {PROXY}"], PROXY),
    ],
)
def test_odd_headers(forwarded: list[str], expected: str) -> None:
    assert client_address(PROXY, forwarded, proxies(PROXY)) == expected


def test_unreadable_entries_are_left_out_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    parsed, unreadable = parse_trusted_proxies("10.0.0.0/8; nginx, 2001:db8::/32")
    assert unreadable == ["nginx"]
    assert parsed.trusts("10.1.2.3") and parsed.trusts("2001:db8::1")
    assert not parsed.trusts("192.0.2.1")
    read = trusted_proxies({"PERIODIZE_TRUSTED_PROXIES": "nginx"})
    assert read.networks == ()
    assert "'nginx' is not an address or a network" in caplog.text
