"""The website crawler over a small local site: bounds, robots, feeds, oversize and broken pages."""

from __future__ import annotations

import dataclasses

from pytest_httpserver import HTTPServer

from scanner.config import Settings
from scanner.crawl.cache import ConditionalCache
from scanner.crawl.fetch import Fetcher
from scanner.crawl.platforms import CrawlRequest, adapter_for
from scanner.crawl.platforms.blocked import BlockedPlatforms
from scanner.crawl.platforms.website import WebsiteAdapter
from scanner.models import Document, Skipped

HTML = "text/html; charset=utf-8"


def _page(body: str, links: tuple[str, ...] | list[str] = (), head: str = "") -> str:
    anchors = "".join(f'<a href="{link}">{link}</a> ' for link in links)
    return f"<html><head>{head}</head><body><p>{body}</p>{anchors}</body></html>"


def _crawl(url: str, fetcher: Fetcher, settings: Settings, **bounds: int) -> list[Document | Skipped]:
    request = CrawlRequest(url, settings, bounds.pop("max_items", 100), **bounds)
    return list(WebsiteAdapter().documents(request, fetcher))


def _site(httpserver: HTTPServer, robots: str = "User-agent: *\nDisallow: /private/\n") -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(robots, content_type="text/plain")
    feed = '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
    httpserver.expect_request("/").respond_with_data(
        _page("Home of Jo", ["/a", "/b", "/private/x", "https://elsewhere.example/", "/photo.jpg"], feed),
        content_type=HTML,
    )
    httpserver.expect_request("/a").respond_with_data(_page("Page A", ["/a/deeper", "/"]), content_type=HTML)
    httpserver.expect_request("/b").respond_with_data(_page("Page B", ["/b/deeper"]), content_type=HTML)
    httpserver.expect_request("/a/deeper").respond_with_data(
        _page("Deep A", ["/a/deepest"]), content_type=HTML
    )
    httpserver.expect_request("/b/deeper").respond_with_data(_page("Deep B"), content_type=HTML)
    httpserver.expect_request("/feed.xml").respond_with_data(
        "<rss><channel><item><title>Post one</title><link>http://x.example/1</link></item>"
        "<item><title>Post two</title><link>http://x.example/2</link></item></channel></rss>",
        content_type="application/rss+xml",
    )


def test_crawls_same_site_links_breadth_first_within_depth(
    httpserver: HTTPServer, fetcher: Fetcher, settings: Settings
) -> None:
    _site(httpserver)
    items = _crawl(httpserver.url_for("/"), fetcher, settings, depth=2)
    documents = [item for item in items if isinstance(item, Document)]
    root = httpserver.url_for("/")[:-1]
    pages = [document.id.removeprefix(root) for document in documents if document.kind == "page"]
    assert pages == ["/", "/a", "/b", "/a/deeper", "/b/deeper"]
    posts = [document.id for document in documents if document.kind == "post"]
    assert posts == ["http://x.example/1", "http://x.example/2"]
    skipped = [item for item in items if isinstance(item, Skipped)]
    assert len(skipped) == 1
    assert "1 links not followed: robots.txt disallows" in skipped[0].reason
    paths = [request.path for request, _ in httpserver.log]
    assert "/photo.jpg" not in paths and "/private/x" not in paths and "/a/deepest" not in paths


def test_depth_zero_is_the_start_page_only(
    httpserver: HTTPServer, fetcher: Fetcher, settings: Settings
) -> None:
    _site(httpserver)
    items = _crawl(httpserver.url_for("/"), fetcher, settings, depth=0)
    assert [item.id for item in items if isinstance(item, Document) and item.kind == "page"] == [
        httpserver.url_for("/")
    ]


def test_max_pages_bounds_the_crawl(httpserver: HTTPServer, fetcher: Fetcher, settings: Settings) -> None:
    _site(httpserver)
    items = _crawl(httpserver.url_for("/"), fetcher, settings, depth=5, max_pages=2)
    assert len([item for item in items if isinstance(item, Document) and item.kind == "page"]) == 2


def test_max_items_bounds_feed_posts(httpserver: HTTPServer, fetcher: Fetcher, settings: Settings) -> None:
    _site(httpserver)
    items = _crawl(httpserver.url_for("/"), fetcher, settings, depth=0, max_items=1)
    assert len([item for item in items if isinstance(item, Document) and item.kind == "post"]) == 1


def test_all_feeds_share_max_items(httpserver: HTTPServer, fetcher: Fetcher, settings: Settings) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    feeds = "".join(f'<link rel="alternate" type="application/rss+xml" href="/f{n}.xml">' for n in range(3))
    httpserver.expect_request("/").respond_with_data(_page("Home", head=feeds), content_type=HTML)
    items = "".join(
        f"<item><title>Post {n}</title><link>http://x.example/{n}</link></item>" for n in range(4)
    )
    for n in range(3):
        httpserver.expect_request(f"/f{n}.xml").respond_with_data(
            f"<rss><channel>{items}</channel></rss>", content_type="application/rss+xml"
        )
    found = _crawl(httpserver.url_for("/"), fetcher, settings, depth=0, max_items=6)
    assert len([item for item in found if isinstance(item, Document) and item.kind == "post"]) == 6


def test_own_site_crawls_past_robots(
    httpserver: HTTPServer, settings: Settings, cache: ConditionalCache
) -> None:
    _site(httpserver, robots="User-agent: *\nDisallow: /\n")
    httpserver.expect_request("/private/x").respond_with_data(_page("Private"), content_type=HTML)
    with Fetcher(settings, cache, ignore_robots_for=[httpserver.host]) as fetcher:
        items = _crawl(httpserver.url_for("/"), fetcher, settings, depth=1)
    assert not [item for item in items if isinstance(item, Skipped)]
    assert httpserver.url_for("/private/x") in [item.id for item in items if isinstance(item, Document)]


def test_start_page_disallowed_is_one_skip(
    httpserver: HTTPServer, fetcher: Fetcher, settings: Settings
) -> None:
    _site(httpserver, robots="User-agent: *\nDisallow: /\n")
    (skipped,) = _crawl(httpserver.url_for("/"), fetcher, settings)
    assert isinstance(skipped, Skipped)
    assert "robots.txt" in skipped.reason and "--own-site" in skipped.reason


def test_broken_pages_are_skipped_and_the_crawl_goes_on(
    httpserver: HTTPServer, settings: Settings, cache: ConditionalCache
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/").respond_with_data(
        _page("Start", ["/gone", "/big", "/bin", "/img", "/ok", "/deep"]), content_type=HTML
    )
    httpserver.expect_request("/gone").respond_with_data("", status=410)
    httpserver.expect_request("/big").respond_with_data("<p>" + "word " * 5000 + "</p>", content_type=HTML)
    httpserver.expect_request("/bin").respond_with_data(b"\x00\x01\x02binary", content_type=HTML)
    httpserver.expect_request("/img").respond_with_data(b"GIF89a", content_type="image/gif")
    httpserver.expect_request("/ok").respond_with_data(_page("Fine"), content_type=HTML)
    httpserver.expect_request("/deep").respond_with_data("<q>" * 3_300, content_type=HTML)
    small = dataclasses.replace(settings, max_response_bytes=10_000)
    with Fetcher(small, cache) as fetcher:
        items = _crawl(httpserver.url_for("/"), fetcher, small, depth=1)
    reasons = {item.where.rsplit("/", 1)[-1]: item.reason for item in items if isinstance(item, Skipped)}
    assert reasons["gone"] == "gone (deleted or suspended) (HTTP 410)"
    assert "larger than 10,000 bytes" in reasons["big"]
    assert "binary" in reasons["bin"]
    assert "got image/gif" in reasons["img"]
    assert "unclosed elements" in reasons["deep"]
    ids = [item.id for item in items if isinstance(item, Document)]
    assert httpserver.url_for("/ok") in ids and httpserver.url_for("/big") in ids


def test_page_signals_travel_in_metadata(
    httpserver: HTTPServer, fetcher: Fetcher, settings: Settings
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/").respond_with_data(
        _page("x", head='<title>T</title><meta name="robots" content="noai">'),
        content_type=HTML,
        headers={"X-Robots-Tag": "noimageai", "tdm-reservation": "1"},
    )
    (page,) = _crawl(httpserver.url_for("/"), fetcher, settings)
    assert isinstance(page, Document)
    assert page.metadata == {
        "x-robots-tag": "noimageai",
        "tdm-reservation": "1",
        "title": "T",
        "robots_meta": "noai",
    }


def test_a_redirected_start_page_sets_the_site(
    httpserver: HTTPServer, fetcher: Fetcher, settings: Settings
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    port = httpserver.port
    httpserver.expect_request("/").respond_with_data(
        "", status=301, headers={"Location": f"http://127.0.0.1:{port}/home"}
    )
    httpserver.expect_request("/home").respond_with_data(_page("Home", ["/next"]), content_type=HTML)
    httpserver.expect_request("/next").respond_with_data(_page("Next"), content_type=HTML)
    items = _crawl(f"http://localhost:{port}/", fetcher, settings, depth=1)
    assert [item.id for item in items if isinstance(item, Document)] == [
        f"http://127.0.0.1:{port}/home",
        f"http://127.0.0.1:{port}/next",
    ]


def test_blocked_platforms_point_to_the_archive(fetcher: Fetcher, settings: Settings) -> None:
    for url, platform in [
        ("https://x.com/jo", "twitter"),
        ("https://www.linkedin.com/in/jo", "linkedin"),
        ("https://m.facebook.com/jo", "facebook"),
        ("https://www.instagram.com/jo/", "instagram"),
        ("https://www.threads.net/@jo", "threads"),
    ]:
        adapter = adapter_for(url, settings)
        assert isinstance(adapter, BlockedPlatforms)
        (skipped,) = adapter.documents(CrawlRequest(url, settings, 10), fetcher)
        assert isinstance(skipped, Skipped)
        assert (
            skipped.reason.startswith(f"{platform} blocks crawling") and "exposure archive" in skipped.reason
        )


def test_other_urls_fall_back_to_the_website_crawler(settings: Settings) -> None:
    assert adapter_for("https://jo.example/", settings).name == "web"
    assert adapter_for("https://notx.com/", settings).name == "web"
