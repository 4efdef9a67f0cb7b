"""Platforms that forbid crawling get no request: one skip that points to their data export."""

from __future__ import annotations

import pytest

from scanner.config import Settings
from scanner.crawl.fetch import Fetcher
from scanner.crawl.platforms import adapter_for
from scanner.crawl.platforms.base import CrawlRequest
from scanner.crawl.platforms.blocked import BlockedPlatforms, route_for
from scanner.models import Skipped


@pytest.mark.parametrize(("url", "platform"), [
    ("https://x.com/rowanhale", "twitter"),
    ("https://mobile.twitter.com/rowanhale", "twitter"),
    ("https://www.linkedin.com/in/rowan-hale", "linkedin"),
    ("https://www.facebook.com/rowan.hale", "facebook"),
    ("https://www.instagram.com/rowanhale/", "instagram"),
    ("https://www.threads.net/@rowanhale", "threads"),
])
def test_blocked_platforms_point_to_the_archive(url: str, platform: str, settings: Settings,
                                                fetcher: Fetcher) -> None:
    assert isinstance(adapter_for(url, settings), BlockedPlatforms)
    (item,) = BlockedPlatforms().documents(CrawlRequest(url, settings, 10), fetcher)
    assert isinstance(item, Skipped) and item.where == url
    assert f"{platform} blocks crawling" in item.reason and "exposure archive" in item.reason


@pytest.mark.parametrize("url", ["https://example.org/", "https://notx.com/a", "not a url", "https://xcom.example/"])
def test_other_sites_are_not_blocked(url: str) -> None:
    assert route_for(url) is None
