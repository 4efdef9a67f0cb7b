"""Deadlines and proxies where bytes move: a server dripping its headers, a proxy that is not there."""

from __future__ import annotations

import dataclasses
import re
import time

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from scanner.config import Settings
from scanner.crawl.cache import ConditionalCache
from scanner.crawl.crawler import crawl
from scanner.crawl.fetch import Fetcher
from scanner.crawl.platforms import CrawlRequest
from scanner.crawl.transport import deadline, environment_proxies, proxy_variable
from scanner.errors import FetchError
from scanner.models import Document, Skipped
from tests.crawl.dripping import dripping_server


@pytest.fixture
def hurried(settings: Settings) -> Settings:
    """A read timeout no single byte trips, and a one-second deadline for the whole exchange."""
    return dataclasses.replace(settings, request_timeout=5.0, request_deadline=1.0)


def test_headers_sent_a_byte_at_a_time_end_at_the_request_deadline(hurried: Settings) -> None:
    with dripping_server() as base, Fetcher(hurried) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchError, match=r"too slow, no complete answer within 1 s \(request_deadline\)"):
            fetcher.get(f"{base}/", robots=False, retries=0)
    assert time.monotonic() - started < 3.0


def test_robots_txt_is_bounded_by_the_same_deadline(hurried: Settings) -> None:
    with dripping_server() as base, Fetcher(hurried) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchError):
            fetcher.get(f"{base}/page")
    assert time.monotonic() - started < 4.0


def test_a_fast_server_is_unaffected_by_the_deadline(httpserver: HTTPServer, hurried: Settings) -> None:
    httpserver.expect_request("/").respond_with_data("quick")
    with Fetcher(hurried) as fetcher:
        assert fetcher.get(httpserver.url_for("/"), robots=False).text() == "quick"


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_a_proxy_that_is_not_there_is_named_not_the_site(
    settings: Settings, closed_port: int, monkeypatch: pytest.MonkeyPatch, scheme: str
) -> None:
    monkeypatch.setenv(f"{scheme.upper()}_PROXY", f"http://127.0.0.1:{closed_port}")
    with Fetcher(settings) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(f"{scheme}://site.example/page", robots=False, retries=0)
    message = str(caught.value)
    assert message.startswith(f"{scheme}://site.example/page: cannot use the proxy http://127.0.0.1:{closed_port}")
    assert f"{scheme.upper()}_PROXY" in message and "cannot connect to site.example" not in message


def test_a_proxy_from_all_proxy_is_named_as_such(settings: Settings, closed_port: int,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The line named HTTPS_PROXY when the proxy came from ALL_PROXY, sending the person to the wrong one."""
    for scheme in ("http", "https", "all", "no"):
        monkeypatch.delenv(f"{scheme}_proxy", raising=False)
        monkeypatch.delenv(f"{scheme.upper()}_PROXY", raising=False)
    monkeypatch.setenv("ALL_PROXY", f"http://127.0.0.1:{closed_port}")
    with Fetcher(settings) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get("https://site.example/page", robots=False, retries=0)
    assert f"cannot use the proxy http://127.0.0.1:{closed_port} (from ALL_PROXY)" in str(caught.value)


def test_the_proxy_variable_is_named_as_the_environment_spells_it() -> None:
    assert proxy_variable("https", {"ALL_PROXY": "http://p:1", "https_proxy": "http://q:1"}) == "https_proxy"
    assert proxy_variable("http", {"all_proxy": "http://p:1", "HTTP_PROXY": ""}) == "all_proxy"
    assert proxy_variable("http", {}) == "HTTP_PROXY"


def test_no_proxy_hosts_go_direct(httpserver: HTTPServer, settings: Settings, closed_port: int) -> None:
    httpserver.expect_request("/").respond_with_data("direct")
    proxies = {"http": f"http://127.0.0.1:{closed_port}", "no": "127.0.0.1,localhost"}
    with Fetcher(settings, proxies=proxies) as fetcher:
        assert fetcher.get(httpserver.url_for("/"), robots=False).text() == "direct"


def test_proxies_come_from_the_usual_variables() -> None:
    found = environment_proxies({"ALL_PROXY": "http://proxy:3128", "HTTPS_PROXY": "http://tls:3128",
                                 "NO_PROXY": "intranet", "PATH": "/bin"})
    assert found == {"http": "http://proxy:3128", "https": "http://tls:3128", "no": "intranet"}


def test_a_site_ends_at_its_deadline_with_one_line(httpserver: HTTPServer, settings: Settings,
                                                   cache: ConditionalCache) -> None:
    def slow_page(request: Request) -> Response:
        time.sleep(0.3)
        links = "".join(f'<a href="/p{index}">p{index}</a>' for index in range(30))
        return Response(f"<html><body><p>page {request.path}</p>{links}</body></html>",
                        content_type="text/html")

    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request(re.compile("/.*")).respond_with_handler(slow_page)
    hurried = dataclasses.replace(settings, site_deadline=1.0)
    started = time.monotonic()
    with Fetcher(hurried, cache) as fetcher:
        items = list(crawl([CrawlRequest(httpserver.url_for("/"), hurried, 100, 50, 2)], fetcher))
    assert time.monotonic() - started < 3.0
    skips = [item for item in items if isinstance(item, Skipped)]
    assert [skip.reason for skip in skips] == [
        "stopped: the site's deadline passed (site_deadline 1 s); the rest of it was not crawled"]
    assert 1 <= sum(isinstance(item, Document) for item in items) < 10


def test_a_request_cut_by_its_site_deadline_says_so(hurried: Settings) -> None:
    with dripping_server() as base, Fetcher(hurried) as fetcher, deadline(0.5), \
            pytest.raises(FetchError, match=r"stopped, the site's deadline passed"):
        fetcher.get(f"{base}/", robots=False, retries=0)
