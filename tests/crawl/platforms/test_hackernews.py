"""Hacker News adapter against a local Firebase stand-in: user, items, null and deleted items."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from pytest_httpserver import HTTPServer

from scanner.config import Settings
from scanner.crawl.fetch import Fetcher
from scanner.crawl.platforms.base import CrawlRequest
from scanner.crawl.platforms.hackernews import HackerNewsAdapter, user_of
from scanner.models import Document, DocumentKind, Skipped


def crawl(
    httpserver: HTTPServer,
    settings: Settings,
    fetcher: Fetcher,
    name: str = "rowanhale",
    max_items: int = 100,
) -> list[Document | Skipped]:
    settings = dataclasses.replace(settings, hackernews_api_url=httpserver.url_for("/").rstrip("/"))
    request = CrawlRequest(f"https://news.ycombinator.com/user?id={name}", settings, max_items)
    return list(HackerNewsAdapter().documents(request, fetcher))


def test_user_urls() -> None:
    assert user_of("https://news.ycombinator.com/user?id=rowanhale") == "rowanhale"
    assert user_of("https://news.ycombinator.com/item?id=8863") is None


def test_user_and_items(httpserver: HTTPServer, settings: Settings, fetcher: Fetcher) -> None:
    httpserver.expect_request("/v0/user/rowanhale.json").respond_with_json(
        {
            "id": "rowanhale",
            "created": 1400000000,
            "about": "Email me: rowan.hale&#x40;example.org<p>Portland",
            "submitted": [3, 2, 1, 4],
        }
    )
    httpserver.expect_request("/v0/item/3.json").respond_with_json(
        {
            "id": 3,
            "type": "comment",
            "by": "rowanhale",
            "time": 1700000000,
            "text": "My wife and I <i>both</i> have ADHD",
        }
    )
    httpserver.expect_request("/v0/item/2.json").respond_with_json(
        {"id": 2, "deleted": True, "type": "comment"}
    )
    httpserver.expect_request("/v0/item/1.json").respond_with_json(
        {"id": 1, "type": "story", "by": "rowanhale", "time": 1600000000, "title": "Show HN: my pump logger"}
    )
    httpserver.expect_request("/v0/item/4.json").respond_with_data("null", content_type="application/json")
    documents = [item for item in crawl(httpserver, settings, fetcher) if isinstance(item, Document)]
    assert [d.kind for d in documents] == [DocumentKind.PROFILE, DocumentKind.COMMENT, DocumentKind.POST]
    assert documents[0].text == "Email me: rowan.hale@example.org\nPortland"
    assert documents[1].text == "My wife and I both have ADHD"
    assert documents[2].url == "https://news.ycombinator.com/item?id=1"


def test_unknown_user_answers_null(httpserver: HTTPServer, settings: Settings, fetcher: Fetcher) -> None:
    httpserver.expect_request("/v0/user/nobody.json").respond_with_data(
        "null", content_type="application/json"
    )
    found = crawl(httpserver, settings, fetcher, name="nobody")
    assert len(found) == 1 and isinstance(found[0], Skipped) and "no Hacker News user" in found[0].reason


def test_recorded_user(httpserver: HTTPServer, settings: Settings, fetcher: Fetcher, shared: Path) -> None:
    folder = shared / "fixtures" / "api" / "hackernews"
    user = json.loads((folder / "user_jl.json").read_text())
    httpserver.expect_request("/v0/user/jl.json").respond_with_json(user)
    comment = json.loads((folder / "item_2921983.json").read_text())
    httpserver.expect_request(f"/v0/item/{user['submitted'][0]}.json").respond_with_json(comment)
    documents = [
        item
        for item in crawl(httpserver, settings, fetcher, name="jl", max_items=1)
        if isinstance(item, Document)
    ]
    assert documents[0].text == "This is a test"
    assert documents[1].text.startswith("Aw shucks, guys")
