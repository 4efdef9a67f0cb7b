"""Bluesky adapter against a local AppView stand-in: profile, cursor paging, reposts left out."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from pytest_httpserver import HTTPServer

from scanner.config import Settings
from scanner.crawl.fetch import Fetcher
from scanner.crawl.platforms.base import CrawlRequest
from scanner.crawl.platforms.bluesky import BlueskyAdapter, actor_of
from scanner.models import Document, DocumentKind, Skipped, Visibility

DID = "did:plc:rowan"
PROFILE = {
    "did": DID,
    "handle": "rowanhale.bsky.social",
    "displayName": "Rowan Delacroix-Hale",
    "description": "Portland. Quaker. Data engineer at Fernwood Analytics.",
    "labels": [],
}


def feed_item(rkey: str, text: str, author: str = DID, **extra: object) -> dict[str, object]:
    record = {"$type": "app.bsky.feed.post", "text": text, "createdAt": "2026-03-01T09:00:00.000-07:00"}
    record.update(extra)
    return {
        "post": {
            "uri": f"at://{author}/app.bsky.feed.post/{rkey}",
            "author": {"did": author},
            "record": record,
        }
    }


def crawl(
    httpserver: HTTPServer, settings: Settings, fetcher: Fetcher, max_items: int = 100
) -> list[Document | Skipped]:
    settings = dataclasses.replace(settings, bluesky_appview_url=httpserver.url_for("/"))
    request = CrawlRequest("https://bsky.app/profile/rowanhale.bsky.social", settings, max_items)
    return list(BlueskyAdapter().documents(request, fetcher))


def test_actor_from_url() -> None:
    assert actor_of("https://bsky.app/profile/rowanhale.bsky.social") == "rowanhale.bsky.social"
    assert actor_of("https://bsky.app/profile/did:plc:abc123/") == "did:plc:abc123"
    assert actor_of("https://bsky.app/search?q=x") is None


def test_profile_posts_and_cursor(httpserver: HTTPServer, settings: Settings, fetcher: Fetcher) -> None:
    httpserver.expect_request("/xrpc/app.bsky.actor.getProfile").respond_with_json(PROFILE)
    httpserver.expect_request(
        "/xrpc/app.bsky.feed.getAuthorFeed", query_string={"actor": DID, "limit": "100", "cursor": "c1"}
    ).respond_with_json({"feed": [feed_item("3b", "My reply", reply={"root": {}, "parent": {}})]})
    repost = feed_item("3x", "someone else's words", author="did:plc:other")
    repost["reason"] = {"$type": "app.bsky.feed.defs#reasonRepost"}
    httpserver.expect_request("/xrpc/app.bsky.feed.getAuthorFeed").respond_with_json(
        {
            "feed": [
                feed_item(
                    "3a",
                    "Knee surgery went fine",
                    embed={
                        "$type": "app.bsky.embed.images",
                        "images": [{"alt": "hospital bracelet with my name"}],
                    },
                ),
                repost,
            ],
            "cursor": "c1",
        }
    )
    documents = [item for item in crawl(httpserver, settings, fetcher) if isinstance(item, Document)]
    assert [d.kind for d in documents] == [DocumentKind.PROFILE, DocumentKind.POST, DocumentKind.COMMENT]
    assert documents[1].text == "Knee surgery went fine\nhospital bracelet with my name"
    assert documents[1].url == "https://bsky.app/profile/rowanhale.bsky.social/post/3a"
    assert documents[1].created_at is not None and documents[1].created_at.utcoffset() is not None
    assert all("someone else" not in d.text for d in documents)


def test_logged_out_opt_out_lowers_visibility(
    httpserver: HTTPServer, settings: Settings, fetcher: Fetcher
) -> None:
    httpserver.expect_request("/xrpc/app.bsky.actor.getProfile").respond_with_json(
        {**PROFILE, "labels": [{"val": "!no-unauthenticated"}]}
    )
    httpserver.expect_request("/xrpc/app.bsky.feed.getAuthorFeed").respond_with_json({"feed": []})
    documents = [item for item in crawl(httpserver, settings, fetcher) if isinstance(item, Document)]
    assert documents[0].visibility is Visibility.UNLISTED


def test_unknown_handle_is_one_skip(httpserver: HTTPServer, settings: Settings, fetcher: Fetcher) -> None:
    httpserver.expect_request("/xrpc/app.bsky.actor.getProfile").respond_with_json(
        {"error": "InvalidRequest", "message": "Profile not found"}, status=400
    )
    found = crawl(httpserver, settings, fetcher)
    assert len(found) == 1 and isinstance(found[0], Skipped)


def test_recorded_feed(httpserver: HTTPServer, settings: Settings, fetcher: Fetcher, shared: Path) -> None:
    folder = shared / "fixtures" / "api" / "bluesky"
    profile = json.loads((folder / "app.bsky.actor.getProfile.json").read_text())
    feed = json.loads((folder / "app.bsky.feed.getAuthorFeed.json").read_text())
    own = [
        item
        for item in feed["feed"]
        if "reason" not in item and item["post"]["author"]["did"] == profile["did"]
    ]
    httpserver.expect_request("/xrpc/app.bsky.actor.getProfile").respond_with_json(profile)
    httpserver.expect_request(
        "/xrpc/app.bsky.feed.getAuthorFeed", query_string={"actor": profile["did"], "limit": "100"}
    ).respond_with_json(feed)
    httpserver.expect_request("/xrpc/app.bsky.feed.getAuthorFeed").respond_with_json({"feed": []})
    documents = [item for item in crawl(httpserver, settings, fetcher) if isinstance(item, Document)]
    assert len(documents) == 1 + len(own) == 24
