"""Crawl speed: a local 2,000-page site and a 5,000-post Mastodon-style API, politeness lifted and on.

Run by hand (not part of the test suite; no internet):

    /work/venv/bin/python tests/benchmarks/crawl_speed.py

Both stand-ins are threaded `http.server`s on 127.0.0.1, each in its own process. The site is a
tree (page i links to pages 5i+1..5i+5) with ETags, so a rescan is all 304s; the API pages 40
statuses per request with Link headers, as Mastodon does. Figures are from one run on one machine:
compare them with each other.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing
import os
import re
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from scanner.config import Settings
from scanner.crawl.cache import ConditionalCache
from scanner.crawl.crawler import crawl
from scanner.crawl.fetch import Fetcher
from scanner.crawl.platforms import CrawlRequest
from scanner.models import Document, Skipped

PAGES = 2_000
POSTS = 5_000
PAGE_SIZE = 40
FAN_OUT = 5
_PAGE = re.compile(r"^/p(\d+)$")


class SiteHandler(BaseHTTPRequestHandler):
    """Page i: a few paragraphs and links to its children; ETag so rescans revalidate."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    """Headers and body go out as two writes; with Nagle on, each response waits for a delayed ACK."""

    def log_message(self, format: str, *args: object) -> None:
        return

    def _send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
            return
        match = _PAGE.match(path)
        number = int(match.group(1)) if match else -1
        if not 0 <= number < PAGES:
            self._send(404, b"", "text/plain")
            return
        etag = f'"p{number}"'
        if self.headers.get("If-None-Match") == etag:
            self._send(304, b"", "text/html", {"ETag": etag})
            return
        children = range(FAN_OUT * number + 1, min(FAN_OUT * number + FAN_OUT + 1, PAGES))
        links = "".join(f'<li><a href="/p{child}">page {child}</a></li>' for child in children)
        text = "".join(
            f"<p>Paragraph {n} of page {number}: gardening notes, recipes and a walk by the river.</p>"
            for n in range(8)
        )
        body = (
            f"<!doctype html><html><head><title>Page {number}</title></head><body><h1>Page {number}</h1>"
            f"{text}<ul>{links}</ul></body></html>"
        ).encode()
        self._send(200, body, "text/html; charset=utf-8", {"ETag": etag})


class ApiHandler(SiteHandler):
    """A Mastodon-style account with POSTS statuses, 40 per page, newest first, Link rel=next."""

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if parts.path == "/api/v1/accounts/lookup":
            account = {
                "id": "1",
                "username": "bench",
                "acct": "bench",
                "display_name": "Bench Mark",
                "note": "<p>benchmark account</p>",
                "url": f"http://{self.headers['Host']}/@bench",
                "fields": [],
                "created_at": "2020-01-01T00:00:00.000Z",
            }
            self._send(200, json.dumps(account).encode(), "application/json")
            return
        if parts.path != "/api/v1/accounts/1/statuses":
            self._send(404, b"{}", "application/json")
            return
        top = int(query.get("max_id", [str(POSTS + 1)])[0]) - 1
        numbers = range(top, max(top - PAGE_SIZE, 0), -1)
        statuses: list[dict[str, object]] = [
            {
                "id": str(n),
                "created_at": "2024-05-01T10:00:00.000Z",
                "visibility": "public",
                "url": f"http://{self.headers['Host']}/@bench/{n}",
                "content": f"<p>Toot number {n} about the weather, my garden and the bus to work.</p>",
                "spoiler_text": "",
                "reblog": None,
                "in_reply_to_id": None,
                "media_attachments": [],
                "language": "en",
            }
            for n in numbers
        ]
        headers = {}
        if numbers and numbers[-1] > 1:
            headers["Link"] = (
                f"<http://{self.headers['Host']}/api/v1/accounts/1/statuses?limit={PAGE_SIZE}"
                f'&max_id={numbers[-1]}>; rel="next"'
            )
        self._send(200, json.dumps(statuses).encode(), "application/json", headers)


def _serve_forever(handler: type[BaseHTTPRequestHandler], ports: multiprocessing.Queue[int]) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    ports.put(server.server_address[1])
    server.serve_forever()


def serve(handler: type[BaseHTTPRequestHandler]) -> tuple[multiprocessing.Process, int]:
    """The stand-in in its own process, so it does not compete with the crawler for the GIL."""
    ports: multiprocessing.Queue[int] = multiprocessing.Queue()
    process = multiprocessing.Process(target=_serve_forever, args=(handler, ports), daemon=True)
    process.start()
    return process, ports.get(timeout=10)


def run(requests: list[CrawlRequest], settings: Settings, cache_dir: Path, per_host: int) -> tuple[int, int]:
    """(documents, skipped) of one crawl with a fresh fetcher."""
    documents = skipped = 0
    with Fetcher(settings, ConditionalCache(cache_dir), per_host_connections=per_host) as fetcher:
        for item in crawl(requests, fetcher, sites_at_once=4):
            if isinstance(item, Document):
                documents += 1
            elif isinstance(item, Skipped):
                skipped += 1
    return documents, skipped


def timed(label: str, unit: str, action: Callable[[], tuple[int, int]]) -> None:
    """Wall-clock rate, and the crawler's own CPU time (the servers run in other processes)."""
    started, cpu_started = time.perf_counter(), time.process_time()
    count, skipped = action()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(
        f"{label:<62} {count:>5} {unit} in {seconds:7.2f} s = {count / seconds:8.1f} {unit}/s"
        f"  (crawler CPU {cpu:6.2f} s = {count / max(cpu, 1e-9):8.1f} {unit}/CPU-s)"
        + (f"  ({skipped} skipped)" if skipped else "")
    )


def peak_memory(action: Callable[[], tuple[int, int]]) -> float:
    tracemalloc.start()
    action()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--polite-pages", type=int, default=20, help="pages crawled with politeness on")
    parser.add_argument("--polite-posts", type=int, default=400, help="posts fetched with politeness on")
    options = parser.parse_args()
    (site, site_port), (api, api_port) = serve(SiteHandler), serve(ApiHandler)
    fast = dataclasses.replace(Settings(), per_host_delay=0.0, max_items=POSTS)
    polite = dataclasses.replace(Settings(), max_items=POSTS)
    start = f"http://127.0.0.1:{site_port}/p0"
    whole_site = [CrawlRequest(start, fast, POSTS, max_pages=PAGES, depth=10)]
    profile = f"http://127.0.0.1:{api_port}/@bench"
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"politeness on = per_host_delay {polite.per_host_delay:g} s, 2 requests in flight per host; "
        f"lifted = no delay"
    )
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)

        timed("site, politeness lifted, 8 connections", "pages", lambda: run(whole_site, fast, root / "a", 8))
        timed(
            "site rescan, all 304 from the conditional cache, 8 connections",
            "pages",
            lambda: run(whole_site, fast, root / "a", 8),
        )
        timed("site, politeness lifted, 1 connection", "pages", lambda: run(whole_site, fast, root / "b", 1))
        timed(
            "site, politeness on",
            "pages",
            lambda: run(
                [CrawlRequest(start, polite, POSTS, max_pages=options.polite_pages, depth=10)],
                polite,
                root / "c",
                2,
            ),
        )
        two_sites = [
            CrawlRequest(
                f"http://{host}:{site_port}/p0", polite, POSTS, max_pages=options.polite_pages // 2, depth=10
            )
            for host in ("127.0.0.1", "localhost")
        ]
        timed("two sites in parallel, politeness on", "pages", lambda: run(two_sites, polite, root / "d", 2))
        timed(
            "API 5,000 posts (40 per request), politeness lifted",
            "docs",
            lambda: run([CrawlRequest(profile, fast, POSTS)], fast, root / "e", 2),
        )
        timed(
            f"API {options.polite_posts} posts, politeness on",
            "docs",
            lambda: run([CrawlRequest(profile, polite, options.polite_posts)], polite, root / "f", 2),
        )
        site_peak = peak_memory(lambda: run(whole_site, fast, root / "g", 8))
        api_peak = peak_memory(lambda: run([CrawlRequest(profile, fast, POSTS)], fast, root / "h", 2))
        print(f"peak Python memory (tracemalloc): site crawl {site_peak:.1f} MB, API crawl {api_peak:.1f} MB")
    site.terminate()
    api.terminate()


if __name__ == "__main__":
    main()
