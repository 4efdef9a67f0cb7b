"""Is this page in Common Crawl, the open crawl most AI training sets start from?

Asks Common Crawl's CDX index (`Settings.common_crawl_index_url`): `collinfo.json` lists the crawls,
newest first; each crawl's `cdx-api` answers `?url=...&output=json` with one JSON line per capture,
or 404 "No Captures found". Only the newest few crawls are asked, to stay light on a free service.
"""

from __future__ import annotations

import dataclasses

from scanner.config import Settings
from scanner.crawl.fetch import Fetcher
from scanner.errors import FetchError
from scanner.models import SourceSignals

CRAWLS_CHECKED = 3
"""Newest crawls asked per URL; each is one request to the index."""


@dataclasses.dataclass(frozen=True, slots=True)
class CommonCrawlResult:
    captures: int | None
    """Captures of the URL in the crawls checked; None when the index could not be asked."""
    latest: str | None
    """Id of the newest crawl that holds the URL."""
    note: str


def common_crawl_captures(url: str, fetcher: Fetcher, settings: Settings) -> CommonCrawlResult:
    """Count captures of `url` in the newest Common Crawl crawls."""
    index = settings.common_crawl_index_url.rstrip("/")
    try:
        crawls = fetcher.get(f"{index}/collinfo.json", robots=False).json()
    except FetchError as error:
        return CommonCrawlResult(None, None, f"Common Crawl index not reachable ({error})")
    if not isinstance(crawls, list):
        return CommonCrawlResult(None, None, "Common Crawl index answered something unexpected")
    captures, latest, asked = 0, None, []
    for crawl in [c for c in crawls if isinstance(c, dict) and c.get("cdx-api")][:CRAWLS_CHECKED]:
        crawl_id = str(crawl.get("id", "?"))
        try:
            response = fetcher.get(str(crawl["cdx-api"]), params={"url": url, "output": "json"}, robots=False,
                                   cache=False, allow_status=(404,))
        except FetchError as error:
            note = f"Common Crawl index failed at {crawl_id} ({error})"
            return CommonCrawlResult(captures or None, latest, note)
        asked.append(crawl_id)
        lines = response.text().splitlines() if response.status != 404 else []
        found = sum(1 for line in lines if line.strip())
        if found and latest is None:
            latest = crawl_id
        captures += found
    crawls_text = ", ".join(asked) or "no crawls"
    if captures:
        return CommonCrawlResult(captures, latest, f"in Common Crawl: {captures} captures in {crawls_text}")
    return CommonCrawlResult(0, None, f"not in Common Crawl's newest crawls ({crawls_text})")


def with_common_crawl(signals: SourceSignals, result: CommonCrawlResult) -> SourceSignals:
    return dataclasses.replace(signals, common_crawl_captures=result.captures, last_captured=result.latest,
                               notes=(*signals.notes, result.note))
