"""Any other website: its pages, the facts their markup states, and its feeds' entries as posts.

Breadth-first from the start URL over same-site links, bounded by depth and page count, with the
fetcher's per-host politeness (a level's pages are fetched by a few threads, which the per-host
limiter spaces out). Links robots.txt disallows are not followed and are counted in one Skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx

from scanner.config import Settings
from scanner.crawl.feeds import FEED_MEDIA_TYPES, feed_documents, looks_like_feed
from scanner.crawl.fetch import HTML_TYPES, Fetcher, Response, skipped
from scanner.crawl.html import MAX_OPEN_ELEMENTS, open_elements, page_meta
from scanner.crawl.platforms.base import CrawlRequest
from scanner.crawl.robots import origin_of
from scanner.errors import FetchError
from scanner.models import Document, DocumentKind, Skipped, Visibility

PAGE_TYPES = (*HTML_TYPES, "text/plain", *FEED_MEDIA_TYPES)
MAX_FEEDS = 3
"""Feeds fetched per site: a blog advertises one or two; more are usually per-tag copies."""
SKIP_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".ico", ".pdf", ".zip", ".gz", ".tar",
                   ".mp3", ".mp4", ".webm", ".mov", ".avi", ".woff", ".woff2", ".ttf", ".css", ".js", ".exe",
                   ".dmg", ".iso", ".apk", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx")


def _site(host: str) -> str:
    return host.lower().removeprefix("www.")


def _same_site(url: str, site: str) -> bool:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError):
        return False
    return _site(parsed.host) == site and not parsed.path.lower().endswith(SKIP_EXTENSIONS)


class WebsiteAdapter:
    """The open-web fallback: pages, structured profile data, feed entries."""

    name = "web"

    def matches(self, url: str, settings: Settings) -> bool:
        return url.startswith(("http://", "https://"))

    def documents(self, request: CrawlRequest, fetcher: Fetcher) -> Iterator[Document | Skipped]:
        try:
            site = _site(httpx.URL(request.url).host)
        except (httpx.InvalidURL, ValueError) as error:
            yield Skipped(request.url, f"invalid URL ({error})")
            return
        crawl = _SiteCrawl(request, fetcher, site)
        yield from crawl.run()


class _SiteCrawl:
    """The state of one site's crawl: what was seen, fetched and left out."""

    def __init__(self, request: CrawlRequest, fetcher: Fetcher, site: str) -> None:
        self.request, self.fetcher, self.site = request, fetcher, site
        self.seen: set[str] = {request.url}
        self.feeds: list[str] = []
        self.pages = 0
        self.posts = 0
        """Feed entries yielded so far: all feeds of the site share request.max_items."""
        self.disallowed = 0

    def _fetch(self, url: str) -> Response | FetchError:
        try:
            return self.fetcher.get(url, accept=PAGE_TYPES)
        except FetchError as error:
            return error

    def run(self) -> Iterator[Document | Skipped]:
        level = [self.request.url]
        workers = max(1, self.fetcher.limiter.per_host)
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="crawl") as pool:
            for depth in range(self.request.depth + 1):
                self.pages += len(level)
                next_level: list[str] = []
                for url, outcome in zip(level, pool.map(self._fetch, level), strict=True):
                    if isinstance(outcome, FetchError):
                        yield skipped(url, outcome)
                        continue
                    if depth == 0:
                        self.site = _site(outcome.host)
                    self.seen.add(outcome.url)
                    yield from self._page(outcome, next_level if depth < self.request.depth else None)
                level = next_level
                if not level:
                    break
        yield from self._feeds()
        if self.disallowed:
            yield Skipped(f"{origin_of(self.request.url)}/",
                          f"{self.disallowed} links not followed: robots.txt disallows them or cannot be "
                          f"read (add --own-site {self.site} if this is your site)")

    def _page(self, response: Response, next_level: list[str] | None) -> Iterator[Document | Skipped]:
        if response.truncated:
            cap = self.fetcher.settings.max_response_bytes
            yield Skipped(response.url, f"page larger than {cap:,} bytes; only the first part was scanned")
        if response.looks_binary():
            yield Skipped(response.url, f"served as {response.content_type or 'text'} but is binary; skipped")
            return
        if looks_like_feed(response.content_type, response.body):
            yield from self._posts(response.url, response.body)
            return
        headers = {key: response.headers[key] for key in ("x-robots-tag", "tdm-reservation", "tdm-policy")
                   if key in response.headers}
        if response.content_type == "text/plain":
            yield Document(id=response.url, text=response.text(), source="web", kind=DocumentKind.PAGE,
                           url=response.url, visibility=Visibility.PUBLIC, metadata=headers)
            return
        depth = open_elements(response.body)
        if depth > MAX_OPEN_ELEMENTS:
            yield Skipped(response.url, f"markup nests about {depth:,} unclosed elements (more than "
                          f"{MAX_OPEN_ELEMENTS:,}); not parsed")
            return
        meta = page_meta(response.url, response.text())
        metadata = dict(headers)
        if meta.title:
            metadata["title"] = meta.title[:200]
        if meta.robots:
            metadata["robots_meta"] = ",".join(meta.robots)
        if meta.tdm_reservation:
            metadata.setdefault("tdm-reservation", meta.tdm_reservation)
        if meta.tdm_policy:
            metadata.setdefault("tdm-policy", meta.tdm_policy)
        yield Document(id=response.url, text=meta.text, source="web", kind=DocumentKind.PAGE,
                       url=response.url, visibility=Visibility.PUBLIC, metadata=metadata,
                       structured=meta.structured)
        for feed in meta.feeds:
            if feed not in self.feeds and len(self.feeds) < MAX_FEEDS:
                self.feeds.append(feed)
        if next_level is not None:
            self._queue_links(meta.links, next_level)

    def _queue_links(self, links: tuple[str, ...], next_level: list[str]) -> None:
        for link in links:
            if self.pages + len(next_level) >= self.request.max_pages:
                return
            if link in self.seen or not _same_site(link, self.site):
                continue
            self.seen.add(link)
            try:
                self.fetcher.robots.check(link)
            except FetchError:
                self.disallowed += 1
                continue
            next_level.append(link)

    def _feeds(self) -> Iterator[Document | Skipped]:
        for feed in self.feeds:
            try:
                response = self.fetcher.get(feed, accept=(*FEED_MEDIA_TYPES, "application/json", *HTML_TYPES))
            except FetchError as error:
                yield skipped(feed, error)
                continue
            yield from self._posts(response.url, response.body)

    def _posts(self, feed_url: str, body: bytes) -> Iterator[Document | Skipped]:
        for item in feed_documents(feed_url, body, self.request.max_items - self.posts):
            if isinstance(item, Document):
                self.posts += 1
            yield item
