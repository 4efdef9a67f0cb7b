"""The crawler's address policy, on the address connected to: after DNS and on every redirect."""

from __future__ import annotations

import dataclasses
import ipaddress

import pytest
from pytest_httpserver import HTTPServer

from scanner.config import Settings
from scanner.crawl.addresses import AddressPolicy, kind_of, policy_for
from scanner.crawl.fetch import Fetcher
from scanner.errors import AddressRefused


@pytest.mark.parametrize(("address", "kind"), [
    ("169.254.169.254", "link-local"), ("fe80::1", "link-local"), ("224.0.0.1", "multicast"),
    ("ff02::1", "multicast"), ("0.0.0.0", "unspecified"), ("::", "unspecified"), ("240.0.0.1", "reserved"),
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.7", "private"),
    ("fd00::5", "private"), ("::ffff:169.254.169.254", "link-local"), ("93.184.215.14", None),
])
def test_kinds_of_address(address: str, kind: str | None) -> None:
    assert kind_of(ipaddress.ip_address(address)) == kind


def test_private_is_allowed_only_when_asked_and_link_local_never() -> None:
    strict, lenient = AddressPolicy(), AddressPolicy(allow_private=True)
    loopback, metadata = ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("169.254.169.254")
    assert strict.refusal(loopback) and lenient.refusal(loopback) is None
    assert strict.refusal(metadata) and lenient.refusal(metadata)


def test_a_url_the_person_gives_on_loopback_allows_private(settings: Settings) -> None:
    assert policy_for(["http://127.0.0.1:8000/"], settings).allow_private
    assert policy_for(["http://localhost:8000/"], settings).allow_private
    assert not policy_for(["http://93.184.215.14/"], settings).allow_private
    asked = dataclasses.replace(settings, allow_private=True)
    assert policy_for(["http://93.184.215.14/"], asked).allow_private
    local_api = dataclasses.replace(settings, reddit_url="http://127.0.0.1:9/")
    assert policy_for(["http://93.184.215.14/"], local_api).allow_private


def test_loopback_is_refused_when_no_given_url_is_private(httpserver: HTTPServer, settings: Settings) -> None:
    httpserver.expect_request("/").respond_with_data("internal")
    with Fetcher(settings, addresses=AddressPolicy()) as fetcher, pytest.raises(AddressRefused) as caught:
        fetcher.get(httpserver.url_for("/"), robots=False)
    assert "127.0.0.1 is a loopback address" in str(caught.value)
    assert httpserver.log == []


def test_the_check_runs_after_dns(httpserver: HTTPServer, settings: Settings) -> None:
    httpserver.expect_request("/").respond_with_data("internal")
    url = f"http://localhost:{httpserver.port}/"
    with Fetcher(settings, addresses=AddressPolicy()) as fetcher, pytest.raises(AddressRefused) as caught:
        fetcher.get(url, robots=False)
    assert "not connecting to localhost" in str(caught.value) and "loopback" in str(caught.value)
    assert httpserver.log == []


@pytest.mark.parametrize("target", [
    "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://0.0.0.0:{port}/",
    "http://224.0.0.1/", "http://[::ffff:169.254.169.254]/",
])
def test_redirects_to_never_addresses_are_refused(httpserver: HTTPServer, settings: Settings,
                                                  target: str) -> None:
    location = target.format(port=httpserver.port)
    httpserver.expect_request("/go").respond_with_data("", status=302, headers={"Location": location})
    with Fetcher(settings, addresses=AddressPolicy(allow_private=True)) as fetcher, \
            pytest.raises(AddressRefused) as caught:
        fetcher.get(httpserver.url_for("/go"), robots=False)
    message = str(caught.value)
    assert message.startswith(f"{httpserver.url_for('/go')}: redirect to ") and "refused" in message
    assert "never crawled" in message
    assert len(httpserver.log) == 1
