"""Platforms that forbid crawling: no request is sent; the person is pointed to their data export.

X, LinkedIn, Facebook, Instagram and Threads disallow automated access in their robots.txt and
terms and hide profiles behind a login, so a scan could only fail or break their rules. Their own
data export holds more than any crawl would, and `exposure archive` reads it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx

from scanner.config import Settings
from scanner.crawl.fetch import Fetcher
from scanner.crawl.platforms.base import CrawlRequest
from scanner.models import Document, Skipped


@dataclass(frozen=True, slots=True)
class ExportRoute:
    """How to get one platform's data export instead of crawling it."""

    platform: str
    hosts: tuple[str, ...]
    steps: str


ROUTES = (
    ExportRoute("twitter", ("x.com", "twitter.com", "mobile.twitter.com"),
                "Settings and privacy > Your account > Download an archive of your data "
                "(ready in about a day)"),
    ExportRoute("linkedin", ("linkedin.com",),
                "Settings & Privacy > Data privacy > Get a copy of your data (pick the larger archive)"),
    ExportRoute("facebook", ("facebook.com", "fb.com", "m.facebook.com"),
                "Accounts Center > Your information and permissions > Download your information "
                "(format JSON)"),
    ExportRoute("instagram", ("instagram.com",),
                "Accounts Center > Your information and permissions > Download your information "
                "(format JSON)"),
    ExportRoute("threads", ("threads.net", "threads.com"),
                "Accounts Center > Your information and permissions > Download your information "
                "(choose Threads, format JSON)"),
)


def route_for(url: str) -> ExportRoute | None:
    """The export route when the URL is on a platform that blocks crawling."""
    try:
        host = httpx.URL(url).host.lower()
    except (httpx.InvalidURL, TypeError, ValueError):
        return None
    for route in ROUTES:
        if any(host == known or host.endswith("." + known) for known in route.hosts):
            return route
    return None


class BlockedPlatforms:
    """Matches the blocked platforms and yields one Skipped that says how to get the export."""

    name = "blocked"

    def matches(self, url: str, settings: Settings) -> bool:
        return route_for(url) is not None

    def documents(self, request: CrawlRequest, fetcher: Fetcher) -> Iterator[Document | Skipped]:
        route = route_for(request.url)
        assert route is not None
        yield Skipped(request.url, f"{route.platform} blocks crawling; request your archive "
                                   f"({route.steps}) and run: exposure archive <the downloaded file>")
