"""Several sites at once: every site's documents arrive, each site in its own order, early stop is clean."""

from __future__ import annotations

import threading
from collections.abc import Generator
from typing import cast

from pytest_httpserver import HTTPServer

from scanner.config import Settings
from scanner.crawl.crawler import crawl
from scanner.crawl.fetch import Fetcher
from scanner.crawl.platforms import CrawlRequest
from scanner.models import Document, Skipped


def _two_sites(httpserver: HTTPServer) -> tuple[str, str]:
    """One server seen under two host names, so the fetcher treats them as two sites."""
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    links = "".join(f'<a href="/p{n}">p{n}</a>' for n in range(6))
    httpserver.expect_request("/").respond_with_data(f"<p>home</p>{links}", content_type="text/html")
    for n in range(6):
        httpserver.expect_request(f"/p{n}").respond_with_data(f"<p>page {n}</p>", content_type="text/html")
    port = httpserver.port
    return f"http://localhost:{port}/", f"http://127.0.0.1:{port}/"


def test_sites_are_crawled_together_and_keep_their_order(
    httpserver: HTTPServer, fetcher: Fetcher, settings: Settings
) -> None:
    first, second = _two_sites(httpserver)
    requests = [CrawlRequest(url, settings, 10, max_pages=7, depth=1) for url in (first, second)]
    items = list(crawl(requests, fetcher, sites_at_once=2))
    assert not [item for item in items if isinstance(item, Skipped)]
    for start in (first, second):
        ids = [item.id for item in items if isinstance(item, Document) and item.id.startswith(start)]
        assert ids == [start] + [f"{start}p{n}" for n in range(6)]


def test_stopping_early_leaves_no_thread_behind(
    httpserver: HTTPServer, fetcher: Fetcher, settings: Settings
) -> None:
    first, second = _two_sites(httpserver)
    requests = [CrawlRequest(url, settings, 10, max_pages=7, depth=1) for url in (first, second)]
    before = threading.active_count()
    stream = cast(Generator[Document | Skipped, None, None], crawl(requests, fetcher, sites_at_once=2))
    assert isinstance(next(stream), Document)
    stream.close()
    assert threading.active_count() <= before


def test_invalid_url_is_a_skip_not_a_crash(fetcher: Fetcher, settings: Settings) -> None:
    items = list(
        crawl([CrawlRequest("http://", settings, 10), CrawlRequest("nonsense", settings, 10)], fetcher)
    )
    assert [type(item) for item in items] == [Skipped, Skipped]
