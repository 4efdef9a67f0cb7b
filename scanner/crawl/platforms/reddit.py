"""Reddit user pages (`https://www.reddit.com/user/NAME`) through Reddit's public JSON listings.

`/user/NAME/about.json`, `/submitted.json` and `/comments.json` are readable without a token;
`raw_json=1` returns text unescaped, `after` pages a listing. The base URL is a setting (`reddit_url`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from scanner.config import Settings
from scanner.crawl.fetch import JSON_TYPES, Fetcher
from scanner.crawl.platforms.base import CrawlRequest
from scanner.crawl.platforms.common import dicts, join_text, obj, parse_time, platform_url
from scanner.errors import FetchError
from scanner.models import Document, DocumentKind, Skipped, Visibility

_USER_PATH = re.compile(r"^/(?:user|u)/(?P<name>[A-Za-z0-9_\-]{2,32})(?:/.*)?$")
PAGE_SIZE = 100
WEB = "https://www.reddit.com"


def user_of(url: str, settings: Settings) -> str | None:
    parts = platform_url(url, ("reddit.com",), settings.reddit_url)
    if parts is None:
        return None
    match = _USER_PATH.match(parts[1])
    return match.group("name") if match else None


def profile_document(name: str, about: dict[str, Any]) -> Document:
    subreddit = obj(about.get("subreddit"))
    url = f"{WEB}/user/{name}"
    return Document(
        id=url,
        text=join_text(str(subreddit.get("title") or ""), str(subreddit.get("public_description") or "")),
        source="reddit",
        kind=DocumentKind.PROFILE,
        url=url,
        created_at=parse_time(about.get("created_utc")),
        visibility=Visibility.PUBLIC,
        metadata={"hide_from_robots": str(bool(about.get("hide_from_robots"))).lower()},
    )


def listing_document(child: dict[str, Any]) -> Document | None:
    """A t3 (submission) or t1 (comment) as a document; None for anything else."""
    data = obj(child.get("data"))
    if child.get("kind") == "t3":
        text = join_text(str(data.get("title") or ""), str(data.get("selftext") or ""))
        kind = DocumentKind.POST
    elif child.get("kind") == "t1":
        text, kind = str(data.get("body") or ""), DocumentKind.COMMENT
    else:
        return None
    url = WEB + str(data.get("permalink") or f"/{data.get('name', '')}")
    return Document(
        id=url,
        text=text,
        source="reddit",
        kind=kind,
        url=url,
        created_at=parse_time(data.get("created_utc")),
        visibility=Visibility.PUBLIC,
        metadata={"subreddit": str(data.get("subreddit") or "")},
    )


class RedditAdapter:
    """Profile, submissions and comments of one Reddit user."""

    name = "reddit"

    def matches(self, url: str, settings: Settings) -> bool:
        return user_of(url, settings) is not None

    def documents(self, request: CrawlRequest, fetcher: Fetcher) -> Iterator[Document | Skipped]:
        name = user_of(request.url, request.settings)
        assert name is not None
        base = request.settings.reddit_url.rstrip("/")
        try:
            about = fetcher.get(f"{base}/user/{name}/about.json", params={"raw_json": "1"}, accept=JSON_TYPES,
                                robots=False).json()
        except FetchError as error:
            yield Skipped(request.url, f"Reddit user not readable: {error}")
            return
        data = obj(obj(about).get("data")) or None
        if data is None:
            yield Skipped(request.url, "Reddit answered, but not with a user profile")
            return
        if data.get("is_suspended"):
            yield Skipped(request.url, f"Reddit user {name} is suspended; nothing public to scan")
            return
        yield profile_document(name, data)
        budget = request.max_items
        for listing in ("submitted", "comments"):
            for item in listing_items(fetcher, f"{base}/user/{name}/{listing}.json", budget):
                if isinstance(item, Document):
                    budget -= 1
                yield item


def listing_items(fetcher: Fetcher, url: str, max_items: int) -> Iterator[Document | Skipped]:
    """Documents of one listing, following `after` up to max_items."""
    after: str | None = None
    seen = 0
    while seen < max_items:
        params = {"raw_json": "1", "limit": str(min(PAGE_SIZE, max_items))}
        if after:
            params["after"] = after
        try:
            page = fetcher.get(url, params=params, accept=JSON_TYPES, robots=False).json()
        except FetchError as error:
            yield Skipped(url, str(error))
            return
        data = obj(obj(page).get("data"))
        children = dicts(data.get("children"))
        for child in children:
            document = listing_document(child)
            if document is not None and seen < max_items:
                seen += 1
                yield document
        next_after = data.get("after")
        if not children or not next_after or next_after == after:
            return
        after = str(next_after)
