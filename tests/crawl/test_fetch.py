"""The polite fetcher against a real local server: retries, caps, content types, redirects, the cache."""

from __future__ import annotations

import dataclasses
import gzip
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from scanner.config import Settings
from scanner.crawl.cache import ConditionalCache
from scanner.crawl.fetch import HTML_TYPES, JSON_TYPES, Fetcher, network_error, retry_after_seconds
from scanner.errors import FetchError


def test_sends_an_honest_user_agent(httpserver: HTTPServer, fetcher: Fetcher, settings: Settings) -> None:
    httpserver.expect_request("/page", headers={"User-Agent": settings.user_agent}).respond_with_data("hello")
    response = fetcher.get(httpserver.url_for("/page"), robots=False)
    assert response.status == 200
    assert response.text() == "hello"
    assert "exposure" in settings.user_agent


def test_429_with_retry_after_is_waited_out(
    httpserver: HTTPServer, settings: Settings, cache: ConditionalCache
) -> None:
    httpserver.expect_oneshot_request("/busy").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    httpserver.expect_request("/busy").respond_with_data("done")
    with Fetcher(settings, cache, backoff=0.01, max_retry_wait=5.0) as fetcher:
        started = time.monotonic()
        response = fetcher.get(httpserver.url_for("/busy"), robots=False)
    assert response.text() == "done"
    assert time.monotonic() - started >= 0.9


def test_a_429_storm_ends_in_a_clear_error_not_a_hang(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/storm").respond_with_data("no", status=429, headers={"Retry-After": "3600"})
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"rate limited \(HTTP 429\).*3600"):
        fetcher.get(httpserver.url_for("/storm"), robots=False)
    assert time.monotonic() - started < 2


def test_5xx_is_retried_with_backoff(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_oneshot_request("/flaky").respond_with_data("oops", status=503)
    httpserver.expect_oneshot_request("/flaky").respond_with_data("oops", status=502)
    httpserver.expect_request("/flaky").respond_with_data("fine")
    assert fetcher.get(httpserver.url_for("/flaky"), robots=False).text() == "fine"


def test_persistent_5xx_gives_up_after_the_retry_budget(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/down").respond_with_data("down", status=500)
    with pytest.raises(FetchError, match=r"server error \(HTTP 500\) after 5 tries"):
        fetcher.get(httpserver.url_for("/down"), robots=False)


@pytest.mark.parametrize(
    ("status", "words"), [(404, "not found"), (410, "gone"), (403, "forbidden"), (401, "private")]
)
def test_client_errors_are_one_clear_line(
    httpserver: HTTPServer, fetcher: Fetcher, status: int, words: str
) -> None:
    httpserver.expect_request("/x").respond_with_data("", status=status)
    with pytest.raises(FetchError, match=rf"{words}.*\(HTTP {status}\)") as caught:
        fetcher.get(httpserver.url_for("/x"), robots=False)
    assert httpserver.url_for("/x") in str(caught.value)
    assert "\n" not in str(caught.value)


def test_allowed_status_returns_the_body(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/api").respond_with_json({"error": "Record not found"}, status=404)
    response = fetcher.get(httpserver.url_for("/api"), robots=False, allow_status=(404,))
    assert response.status == 404
    assert response.json() == {"error": "Record not found"}


def test_a_huge_streamed_body_is_cut_at_the_cap(
    httpserver: HTTPServer, fetcher: Fetcher, settings: Settings
) -> None:
    def endless(_request: Request) -> Response:
        def chunks() -> Iterator[bytes]:
            for _ in range(50_000):
                yield b"x" * 1024

        return Response(chunks(), content_type="text/html")

    httpserver.expect_request("/big").respond_with_handler(endless)
    response = fetcher.get(httpserver.url_for("/big"), robots=False)
    assert response.truncated
    assert len(response.body) == settings.max_response_bytes


def test_a_gzip_bomb_is_cut_at_the_cap(httpserver: HTTPServer, fetcher: Fetcher, settings: Settings) -> None:
    bomb = gzip.compress(b"\0" * 20_000_000)
    httpserver.expect_request("/bomb").respond_with_data(
        bomb, content_type="text/plain", headers={"Content-Encoding": "gzip"}
    )
    response = fetcher.get(httpserver.url_for("/bomb"), robots=False)
    assert response.truncated
    assert len(response.body) == settings.max_response_bytes


def test_wrong_content_type_is_refused(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/img").respond_with_data(b"\x89PNG", content_type="image/png")
    with pytest.raises(FetchError, match=r"expected .*text/html.*got image/png"):
        fetcher.get(httpserver.url_for("/img"), robots=False, accept=HTML_TYPES)


def test_accept_header_names_the_wanted_types(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/neg", headers={"Accept": "application/json, */*;q=0.1"}).respond_with_json([])
    assert fetcher.get(httpserver.url_for("/neg"), robots=False, accept=("application/json",)).json() == []


def test_html_login_page_instead_of_json_is_refused(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/api").respond_with_data("<html>log in</html>", content_type="text/html")
    with pytest.raises(FetchError, match="got text/html"):
        fetcher.get(httpserver.url_for("/api"), robots=False, accept=JSON_TYPES)


def test_binary_served_as_html_is_recognised(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/fake").respond_with_data(
        b"PK\x03\x04\x00\x00binary", content_type="text/html"
    )
    assert fetcher.get(httpserver.url_for("/fake"), robots=False).looks_binary()


def test_redirects_are_followed_to_the_final_url(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    httpserver.expect_request("/new").respond_with_data("moved here")
    response = fetcher.get(httpserver.url_for("/old"), robots=False)
    assert response.url == httpserver.url_for("/new")
    assert response.text() == "moved here"


def test_a_redirect_loop_is_caught(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    with pytest.raises(FetchError, match="redirect loop"):
        fetcher.get(httpserver.url_for("/a"), robots=False)


def test_too_many_redirects(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    for hop in range(8):
        httpserver.expect_request(f"/r{hop}").respond_with_data(
            "", status=302, headers={"Location": f"/r{hop + 1}"}
        )
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher.get(httpserver.url_for("/r0"), robots=False)


def test_rescan_revalidates_with_etag_and_gets_304(
    httpserver: HTTPServer, settings: Settings, cache: ConditionalCache
) -> None:
    seen: list[str | None] = []

    def page(request: Request) -> Response:
        seen.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response("<p>first body</p>", content_type="text/html", headers={"ETag": '"v1"'})

    httpserver.expect_request("/cached").respond_with_handler(page)
    with Fetcher(settings, cache) as fetcher:
        first = fetcher.get(httpserver.url_for("/cached"), robots=False)
    with Fetcher(settings, cache) as fetcher:
        second = fetcher.get(httpserver.url_for("/cached"), robots=False)
    assert seen == [None, '"v1"']
    assert not first.from_cache
    assert second.from_cache
    assert second.body == first.body
    assert second.content_type == "text/html"


def test_a_changed_page_replaces_the_cached_copy(
    httpserver: HTTPServer, settings: Settings, cache: ConditionalCache
) -> None:
    versions = iter(['"v1"', '"v2"', '"v2"'])

    def page(request: Request) -> Response:
        current = next(versions)
        if request.headers.get("If-None-Match") == current:
            return Response(status=304, headers={"ETag": current})
        return Response(f"body {current}", content_type="text/plain", headers={"ETag": current})

    httpserver.expect_request("/changing").respond_with_handler(page)
    bodies = []
    for _ in range(3):
        with Fetcher(settings, cache) as fetcher:
            response = fetcher.get(httpserver.url_for("/changing"), robots=False)
            bodies.append((response.text(), response.from_cache))
    assert bodies == [('body "v1"', False), ('body "v2"', False), ('body "v2"', True)]


def test_cache_files_are_private(httpserver: HTTPServer, fetcher: Fetcher, cache: ConditionalCache) -> None:
    httpserver.expect_request("/p").respond_with_data(
        "x", headers={"Last-Modified": "Mon, 02 Jan 2024 10:00:00 GMT"}
    )
    fetcher.get(httpserver.url_for("/p"), robots=False)
    files = list(Path(cache.directory).iterdir())
    assert len(files) == 1
    assert stat.S_IMODE(os.stat(files[0]).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(cache.directory).st_mode) == 0o700


def test_no_store_and_unvalidated_responses_are_not_cached(
    httpserver: HTTPServer, fetcher: Fetcher, cache: ConditionalCache
) -> None:
    httpserver.expect_request("/n").respond_with_data(
        "x", headers={"ETag": '"1"', "Cache-Control": "no-store"}
    )
    httpserver.expect_request("/plain").respond_with_data("y")
    fetcher.get(httpserver.url_for("/n"), robots=False)
    fetcher.get(httpserver.url_for("/plain"), robots=False)
    assert not cache.directory.exists() or not any(cache.directory.iterdir())


@pytest.mark.parametrize("url", ["ftp://example.com/x", "not a url", "http://", "file:///etc/passwd"])
def test_invalid_urls_are_refused(fetcher: Fetcher, url: str) -> None:
    with pytest.raises(FetchError, match="invalid URL"):
        fetcher.get(url)


def test_connection_refused_is_one_line(fetcher: Fetcher, closed_port: int) -> None:
    with pytest.raises(FetchError, match="cannot connect"):
        fetcher.get(f"http://127.0.0.1:{closed_port}/", robots=False)


def test_a_slow_server_times_out(httpserver: HTTPServer, settings: Settings, cache: ConditionalCache) -> None:
    def slow(_request: Request) -> Response:
        time.sleep(1.0)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    with (
        Fetcher(dataclasses.replace(settings, request_timeout=0.3), cache) as fetcher,
        pytest.raises(FetchError, match=r"no answer within 0\.3 s"),
    ):
        fetcher.get(httpserver.url_for("/slow"), robots=False)


def test_per_host_delay_spaces_requests(
    httpserver: HTTPServer, settings: Settings, cache: ConditionalCache
) -> None:
    httpserver.expect_request("/d").respond_with_data("x")
    with Fetcher(dataclasses.replace(settings, per_host_delay=0.2), cache) as fetcher:
        started = time.monotonic()
        for _ in range(3):
            fetcher.get(httpserver.url_for("/d"), robots=False, cache=False)
    assert time.monotonic() - started >= 0.4


def test_charset_from_meta_tag(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    body = '<meta charset="iso-8859-1"><p>Müller</p>'.encode("latin-1")
    httpserver.expect_request("/latin").respond_with_data(body, content_type="text/html")
    assert "Müller" in fetcher.get(httpserver.url_for("/latin"), robots=False).text()


def test_retry_after_as_http_date() -> None:
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == pytest.approx(10.0)
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("soon") is None


def test_tls_failure_is_one_line(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/").respond_with_data("plain http")
    with pytest.raises(FetchError, match="TLS error"):
        fetcher.get(f"https://127.0.0.1:{httpserver.port}/", robots=False)


def test_dns_failure_is_named() -> None:
    error = network_error(
        "https://nowhere.example/",
        "nowhere.example",
        httpx.ConnectError("[Errno -2] Name or service not known"),
        20.0,
    )
    assert str(error) == "https://nowhere.example/: DNS lookup failed for nowhere.example"
