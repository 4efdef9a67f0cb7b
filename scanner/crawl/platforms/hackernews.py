"""Hacker News users (`https://news.ycombinator.com/user?id=NAME`) through the official Firebase API.

`/v0/user/NAME.json` gives the about text and the ids of everything submitted; each item is one
more request (`/v0/item/ID.json`), fetched a few at a time within the fetcher's per-host limits.
Unknown ids answer with the literal body `null`. The API base URL is a setting (`hackernews_api_url`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from scanner.config import Settings
from scanner.crawl.fetch import JSON_TYPES, Fetcher
from scanner.crawl.platforms.base import CrawlRequest
from scanner.crawl.platforms.common import join_text, parse_time, platform_url, text_of
from scanner.errors import FetchError
from scanner.models import Document, DocumentKind, Skipped, Visibility

_USER_QUERY = re.compile(r"(?:^|&)id=(?P<name>[A-Za-z0-9_\-]{2,15})(?:&|$)")
SITE = "https://news.ycombinator.com"
ITEM_FETCHES_IN_FLIGHT = 4
KINDS = {"story": DocumentKind.POST, "comment": DocumentKind.COMMENT, "job": DocumentKind.POST,
         "poll": DocumentKind.POST, "pollopt": DocumentKind.COMMENT}


def user_of(url: str, api_url: str = "") -> str | None:
    """The user of a news.ycombinator.com/user?id= URL (or one on the configured API's origin)."""
    parts = platform_url(url, ("news.ycombinator.com",), api_url)
    if parts is None or parts[1].rstrip("/") != "/user":
        return None
    match = _USER_QUERY.search(parts[2])
    return match.group("name") if match else None


def profile_document(user: dict[str, Any]) -> Document:
    url = f"{SITE}/user?id={user.get('id')}"
    return Document(
        id=url,
        text=text_of(user.get("about")),
        source="hackernews",
        kind=DocumentKind.PROFILE,
        url=url,
        created_at=parse_time(user.get("created")),
        visibility=Visibility.PUBLIC,
        metadata={"karma": str(user.get("karma", ""))},
    )


def item_document(item: dict[str, Any]) -> Document | None:
    """A story or comment as a document; None for deleted or dead items."""
    if item.get("deleted") or item.get("dead"):
        return None
    url = f"{SITE}/item?id={item.get('id')}"
    return Document(
        id=url,
        text=join_text(str(item.get("title") or ""), text_of(item.get("text"))),
        source="hackernews",
        kind=KINDS.get(str(item.get("type")), DocumentKind.OTHER),
        url=url,
        created_at=parse_time(item.get("time")),
        visibility=Visibility.PUBLIC,
        metadata={"type": str(item.get("type") or "")},
    )


class HackerNewsAdapter:
    """About text and submitted stories and comments of one Hacker News user."""

    name = "hackernews"

    def matches(self, url: str, settings: Settings) -> bool:
        return user_of(url, settings.hackernews_api_url) is not None

    def documents(self, request: CrawlRequest, fetcher: Fetcher) -> Iterator[Document | Skipped]:
        name = user_of(request.url, request.settings.hackernews_api_url)
        assert name is not None
        api = request.settings.hackernews_api_url.rstrip("/") + "/v0"
        try:
            user = fetcher.get(f"{api}/user/{name}.json", accept=JSON_TYPES, robots=False).json()
        except FetchError as error:
            yield Skipped(request.url, f"Hacker News user not readable: {error}")
            return
        if not isinstance(user, dict):
            yield Skipped(request.url, f"no Hacker News user {name}")
            return
        yield profile_document(user)
        ids = [item for item in user.get("submitted") or [] if isinstance(item, int)][: request.max_items]
        yield from items(fetcher, api, ids)


def items(fetcher: Fetcher, api: str, ids: list[int]) -> Iterator[Document | Skipped]:
    """Each submitted item in order, a few requests in flight at a time."""

    def fetch(item_id: int) -> Document | Skipped | None:
        url = f"{api}/item/{item_id}.json"
        try:
            item = fetcher.get(url, accept=JSON_TYPES, robots=False).json()
        except FetchError as error:
            return Skipped(url, str(error))
        return item_document(item) if isinstance(item, dict) else None

    with ThreadPoolExecutor(ITEM_FETCHES_IN_FLIGHT) as pool:
        for result in pool.map(fetch, ids):
            if result is not None:
                yield result
