"""Bluesky profiles (`https://bsky.app/profile/HANDLE`) through the public AppView API.

`app.bsky.actor.getProfile` and `app.bsky.feed.getAuthorFeed` need no account. An author feed also
holds reposts of other people's posts (items with a `reason`): those are not the person's words and
are left out. The AppView base URL is a setting (`bluesky_appview_url`).
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

_PROFILE_PATH = re.compile(r"^/profile/(?P<actor>[A-Za-z0-9.:\-]+)/?$")
PAGE_SIZE = 100
NO_LOGGED_OUT_VIEW = "!no-unauthenticated"
"""Self-label of accounts that asked not to be shown to logged-out visitors."""


def actor_of(url: str, appview_url: str = "") -> str | None:
    """The handle or DID of a bsky.app profile URL (or one on the configured AppView's origin)."""
    parts = platform_url(url, ("bsky.app",), appview_url)
    if parts is None:
        return None
    match = _PROFILE_PATH.match(parts[1])
    return match.group("actor") if match else None


def permalink(handle: str, uri: str) -> str:
    """https://bsky.app/profile/<handle>/post/<rkey> for an at:// post URI."""
    return f"https://bsky.app/profile/{handle}/post/{uri.rsplit('/', 1)[-1]}"


def _alt_texts(embed: object) -> list[str]:
    """Image alt texts of a post embed, including images inside recordWithMedia."""
    if not isinstance(embed, dict):
        return []
    images = dicts(embed.get("images")) + dicts((embed.get("media") or {}).get("images")
                                                if isinstance(embed.get("media"), dict) else None)
    return [str(image.get("alt") or "") for image in images]


def profile_document(profile: dict[str, Any]) -> Document:
    handle = str(profile.get("handle") or profile.get("did"))
    labels = {str(label.get("val")) for label in dicts(profile.get("labels"))}
    return Document(
        id=f"https://bsky.app/profile/{handle}",
        text=join_text(str(profile.get("displayName") or ""), str(profile.get("description") or "")),
        source="bluesky",
        kind=DocumentKind.PROFILE,
        url=f"https://bsky.app/profile/{handle}",
        created_at=parse_time(profile.get("createdAt") or profile.get("indexedAt")),
        visibility=Visibility.UNLISTED if NO_LOGGED_OUT_VIEW in labels else Visibility.PUBLIC,
        metadata={"did": str(profile.get("did", "")), "handle": handle},
    )


def post_document(post: dict[str, Any], handle: str, hidden_when_logged_out: bool) -> Document:
    record = obj(post.get("record"))
    uri = str(post.get("uri", ""))
    url = permalink(handle, uri)
    return Document(
        id=url,
        text=join_text(str(record.get("text") or ""), *_alt_texts(record.get("embed"))),
        source="bluesky",
        kind=DocumentKind.COMMENT if record.get("reply") else DocumentKind.POST,
        url=url,
        created_at=parse_time(record.get("createdAt") or post.get("indexedAt")),
        visibility=Visibility.UNLISTED if hidden_when_logged_out else Visibility.PUBLIC,
        metadata={"uri": uri, "langs": ",".join(str(lang) for lang in record.get("langs") or [])},
    )


class BlueskyAdapter:
    """Profile and own posts of one Bluesky account."""

    name = "bluesky"

    def matches(self, url: str, settings: Settings) -> bool:
        return actor_of(url, settings.bluesky_appview_url) is not None

    def documents(self, request: CrawlRequest, fetcher: Fetcher) -> Iterator[Document | Skipped]:
        actor = actor_of(request.url, request.settings.bluesky_appview_url)
        assert actor is not None
        api = request.settings.bluesky_appview_url.rstrip("/") + "/xrpc"
        try:
            profile = fetcher.get(f"{api}/app.bsky.actor.getProfile", params={"actor": actor},
                                  accept=JSON_TYPES, robots=False).json()
        except FetchError as error:
            yield Skipped(request.url, f"Bluesky profile not readable: {error}")
            return
        if not isinstance(profile, dict) or "did" not in profile:
            yield Skipped(request.url, "the AppView answered, but not with a Bluesky profile")
            return
        document = profile_document(profile)
        yield document
        hidden = document.visibility is Visibility.UNLISTED
        yield from author_feed(fetcher, api, profile, request.max_items, hidden)


def author_feed(fetcher: Fetcher, api: str, profile: dict[str, Any], max_items: int,
                hidden: bool) -> Iterator[Document | Skipped]:
    """The author's own posts and replies, following the cursor up to max_items."""
    did, handle = str(profile["did"]), str(profile.get("handle") or profile["did"])
    cursor: str | None = None
    seen = 0
    while seen < max_items:
        params = {"actor": did, "limit": str(min(PAGE_SIZE, max_items))}
        if cursor:
            params["cursor"] = cursor
        url = f"{api}/app.bsky.feed.getAuthorFeed"
        try:
            page = fetcher.get(url, params=params, accept=JSON_TYPES, robots=False).json()
        except FetchError as error:
            yield Skipped(url, str(error))
            return
        items = dicts(page.get("feed")) if isinstance(page, dict) else []
        for item in items:
            post = obj(item.get("post")) or None
            own = post is not None and (post.get("author") or {}).get("did") == did
            if post is None or item.get("reason") or not own or seen >= max_items:
                continue
            seen += 1
            yield post_document(post, handle, hidden)
        next_cursor = page.get("cursor") if isinstance(page, dict) else None
        if not items or not next_cursor or next_cursor == cursor:
            return
        cursor = str(next_cursor)
