"""Reddit adapter against a local stand-in: about, submitted and comments with `after` paging."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from pytest_httpserver import HTTPServer

from scanner.config import Settings
from scanner.crawl.fetch import Fetcher
from scanner.crawl.platforms.base import CrawlRequest
from scanner.crawl.platforms.reddit import RedditAdapter, user_of
from scanner.models import Document, DocumentKind, Skipped

ABOUT = {
    "kind": "t2",
    "data": {
        "name": "rowan_hale",
        "created_utc": 1577836800.0,
        "hide_from_robots": False,
        "subreddit": {"title": "Ro", "public_description": "Portland, OR. T1D since 2001."},
    },
}


def listing(children: list[dict[str, object]], after: str | None = None) -> dict[str, object]:
    return {"kind": "Listing", "data": {"after": after, "children": children}}


def t3(number: int) -> dict[str, object]:
    return {
        "kind": "t3",
        "data": {
            "title": f"Post {number}",
            "selftext": "My daughter Maisie turned 6",
            "permalink": f"/r/Portland/comments/{number}/post/",
            "subreddit": "Portland",
            "created_utc": 1700000000 + number,
        },
    }


def t1(number: int) -> dict[str, object]:
    return {
        "kind": "t1",
        "data": {
            "body": f"Comment {number}",
            "permalink": f"/r/diabetes/comments/x/y/{number}/",
            "subreddit": "diabetes",
            "created_utc": 1700000000 + number,
        },
    }


def crawl(
    httpserver: HTTPServer,
    settings: Settings,
    fetcher: Fetcher,
    url: str = "https://www.reddit.com/user/rowan_hale",
    max_items: int = 100,
) -> list[Document | Skipped]:
    settings = dataclasses.replace(settings, reddit_url=httpserver.url_for("/").rstrip("/"))
    return list(RedditAdapter().documents(CrawlRequest(url, settings, max_items), fetcher))


def test_user_urls(settings: Settings) -> None:
    assert user_of("https://www.reddit.com/user/rowan_hale/", settings) == "rowan_hale"
    assert user_of("https://old.reddit.com/u/rowan_hale", settings) == "rowan_hale"
    assert user_of("https://www.reddit.com/r/Portland", settings) is None


def test_profile_and_listings(httpserver: HTTPServer, settings: Settings, fetcher: Fetcher) -> None:
    httpserver.expect_request(
        "/user/rowan_hale/about.json", query_string={"raw_json": "1"}
    ).respond_with_json(ABOUT)
    httpserver.expect_request(
        "/user/rowan_hale/submitted.json", query_string={"raw_json": "1", "limit": "100", "after": "t3_2"}
    ).respond_with_json(listing([t3(1)]))
    httpserver.expect_request("/user/rowan_hale/submitted.json").respond_with_json(
        listing([t3(3), t3(2)], "t3_2")
    )
    httpserver.expect_request("/user/rowan_hale/comments.json").respond_with_json(listing([t1(1)]))
    documents = [item for item in crawl(httpserver, settings, fetcher) if isinstance(item, Document)]
    assert [d.kind for d in documents] == [DocumentKind.PROFILE] + [DocumentKind.POST] * 3 + [
        DocumentKind.COMMENT
    ]
    assert documents[0].text == "Ro\nPortland, OR. T1D since 2001."
    assert documents[1].url == "https://www.reddit.com/r/Portland/comments/3/post/"
    assert documents[1].text == "Post 3\nMy daughter Maisie turned 6"
    assert documents[-1].metadata["subreddit"] == "diabetes"


def test_max_items_across_listings(httpserver: HTTPServer, settings: Settings, fetcher: Fetcher) -> None:
    httpserver.expect_request("/user/rowan_hale/about.json").respond_with_json(ABOUT)
    httpserver.expect_request("/user/rowan_hale/submitted.json").respond_with_json(listing([t3(3), t3(2)]))
    httpserver.expect_request("/user/rowan_hale/comments.json").respond_with_json(listing([t1(1), t1(2)]))
    documents = [
        item for item in crawl(httpserver, settings, fetcher, max_items=3) if isinstance(item, Document)
    ]
    assert len(documents) == 4


def test_suspended_and_missing_users(httpserver: HTTPServer, settings: Settings, fetcher: Fetcher) -> None:
    httpserver.expect_request("/user/gone/about.json").respond_with_json(
        {"kind": "t2", "data": {"name": "gone", "is_suspended": True}}
    )
    httpserver.expect_request("/user/nobody/about.json").respond_with_json(
        {"message": "Not Found", "error": 404}, status=404
    )
    for name, words in (("gone", "suspended"), ("nobody", "404")):
        found = crawl(httpserver, settings, fetcher, url=f"https://www.reddit.com/user/{name}")
        assert len(found) == 1 and isinstance(found[0], Skipped) and words in found[0].reason


def test_recorded_listing(httpserver: HTTPServer, settings: Settings, fetcher: Fetcher, shared: Path) -> None:
    folder = shared / "fixtures" / "api" / "reddit"
    submitted = json.loads((folder / "user_spez_submitted_new.json").read_text())
    httpserver.expect_request("/user/spez/about.json").respond_with_json(
        json.loads((folder / "user_PyAPITestUser3_about.json").read_text())
    )
    children = submitted["data"]["children"][:20]
    httpserver.expect_request("/user/spez/submitted.json").respond_with_json(listing(children))
    httpserver.expect_request("/user/spez/comments.json").respond_with_json(listing([]))
    documents = [
        item
        for item in crawl(httpserver, settings, fetcher, url="https://www.reddit.com/user/spez")
        if isinstance(item, Document)
    ]
    assert len(documents) == 1 + len(children)
    assert all(d.created_at is not None for d in documents[1:])
