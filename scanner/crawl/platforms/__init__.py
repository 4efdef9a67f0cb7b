"""Platform adapters: one module per site family, registered by one line in ADAPTERS.

`exposure scan URL` asks each adapter in order whether it `matches` the URL and lets the first one
yield the documents; the generic website crawler is the fallback. Adapters fetch only through the
shared `Fetcher` (politeness, caps and retries live there) and turn every failure into a `Skipped`.
"""

from __future__ import annotations

from scanner.config import Settings
from scanner.crawl.platforms.base import CrawlRequest, PlatformAdapter
from scanner.crawl.platforms.blocked import BlockedPlatforms
from scanner.crawl.platforms.bluesky import BlueskyAdapter
from scanner.crawl.platforms.github import GitHubAdapter
from scanner.crawl.platforms.hackernews import HackerNewsAdapter
from scanner.crawl.platforms.mastodon import MastodonAdapter
from scanner.crawl.platforms.reddit import RedditAdapter
from scanner.crawl.platforms.website import WebsiteAdapter

__all__ = ["ADAPTERS", "FALLBACK", "CrawlRequest", "PlatformAdapter", "adapter_for"]


ADAPTERS: list[PlatformAdapter] = [
    BlockedPlatforms(),
    BlueskyAdapter(),
    RedditAdapter(),
    GitHubAdapter(),
    HackerNewsAdapter(),
    MastodonAdapter(),
]
"""Tried in order; the first that matches wins. The website crawler is the fallback, not listed."""

FALLBACK: PlatformAdapter = WebsiteAdapter()


def adapter_for(url: str, settings: Settings) -> PlatformAdapter:
    """The adapter that understands this URL, else the generic website crawler."""
    return next((adapter for adapter in ADAPTERS if adapter.matches(url, settings)), FALLBACK)
