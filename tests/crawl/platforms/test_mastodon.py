"""Mastodon adapter against a local stand-in instance: lookup, Link paging, boosts, 404."""

from __future__ import annotations

import json
from pathlib import Path

from pytest_httpserver import HTTPServer

from scanner.config import Settings
from scanner.crawl.fetch import Fetcher
from scanner.crawl.platforms.base import CrawlRequest
from scanner.crawl.platforms.mastodon import MastodonAdapter, profile_target
from scanner.models import Document, DocumentKind, Skipped, Visibility

ACCOUNT = {
    "id": "42",
    "username": "rowan",
    "acct": "rowan",
    "display_name": "Rowan Delacroix-Hale",
    "note": "<p>Data engineer in Portland. Living with T1D.</p>",
    "url": "https://mastodon.example/@rowan",
    "created_at": "2022-11-01T00:00:00.000Z",
    "locked": False,
    "fields": [
        {"name": "Email", "value": "rowan.hale@example.org", "verified_at": None},
        {"name": "Web", "value": '<a href="https://rowan.example">rowan.example</a>', "verified_at": None},
    ],
}


def status(number: int, **extra: object) -> dict[str, object]:
    return {
        "id": str(number),
        "created_at": f"2026-0{number % 9 + 1}-01T10:00:00.000Z",
        "visibility": "public",
        "url": f"https://mastodon.example/@rowan/{number}",
        "content": f"<p>Toot {number}</p>",
        "spoiler_text": "",
        "reblog": None,
        "in_reply_to_id": None,
        "media_attachments": [],
        **extra,
    }


def crawl(url: str, settings: Settings, fetcher: Fetcher, max_items: int = 100) -> list[Document | Skipped]:
    return list(MastodonAdapter().documents(CrawlRequest(url, settings, max_items), fetcher))


def test_profile_urls() -> None:
    assert profile_target("https://mastodon.social/@rowan") == ("https://mastodon.social", "rowan")
    assert profile_target("https://mastodon.social/@rowan@other.example") == (
        "https://mastodon.social",
        "rowan@other.example",
    )
    assert profile_target("https://hachyderm.io/users/rowan") == ("https://hachyderm.io", "rowan")
    assert profile_target("https://medium.com/@rowan") is None
    assert profile_target("https://mastodon.social/about") is None


def test_profile_and_paged_statuses(httpserver: HTTPServer, settings: Settings, fetcher: Fetcher) -> None:
    httpserver.expect_request("/api/v1/accounts/lookup", query_string={"acct": "rowan"}).respond_with_json(
        ACCOUNT
    )
    page_two = httpserver.url_for("/api/v1/accounts/42/statuses") + "?max_id=3"
    httpserver.expect_request("/api/v1/accounts/42/statuses", query_string={"max_id": "3"}).respond_with_json(
        [status(2, visibility="private", in_reply_to_id="1"), status(1, visibility="direct")]
    )
    httpserver.expect_request("/api/v1/accounts/42/statuses").respond_with_json(
        [
            status(5, spoiler_text="health", media_attachments=[{"description": "my insulin pump"}]),
            status(4, reblog={"id": "9"}),
            status(3, visibility="unlisted"),
        ],
        headers={"Link": f'<{page_two}>; rel="next"'},
    )
    found = crawl(httpserver.url_for("/@rowan"), settings, fetcher)
    documents = [item for item in found if isinstance(item, Document)]
    assert [d.kind for d in documents] == [
        DocumentKind.PROFILE,
        DocumentKind.POST,
        DocumentKind.POST,
        DocumentKind.COMMENT,
        DocumentKind.POST,
    ]
    profile = documents[0]
    assert "Living with T1D" in profile.text and "Email: rowan.hale@example.org" in profile.text
    assert [(s.entity, s.value) for s in profile.structured] == [("EMAIL_ADDRESS", "rowan.hale@example.org")]
    assert "health" in documents[1].text and "my insulin pump" in documents[1].text
    assert [d.visibility for d in documents[1:]] == [
        Visibility.PUBLIC,
        Visibility.UNLISTED,
        Visibility.FOLLOWERS,
        Visibility.DIRECT,
    ]
    assert all(d.created_at is not None and d.created_at.tzinfo for d in documents)


def test_max_items_bounds_statuses(httpserver: HTTPServer, settings: Settings, fetcher: Fetcher) -> None:
    httpserver.expect_request("/api/v1/accounts/lookup").respond_with_json(ACCOUNT)
    httpserver.expect_request("/api/v1/accounts/42/statuses").respond_with_json(
        [status(n) for n in range(9, 0, -1)]
    )
    found = crawl(httpserver.url_for("/@rowan"), settings, fetcher, max_items=3)
    assert len([item for item in found if isinstance(item, Document)]) == 4


def test_unknown_account_is_one_skip(httpserver: HTTPServer, settings: Settings, fetcher: Fetcher) -> None:
    httpserver.expect_request("/api/v1/accounts/lookup").respond_with_json(
        {"error": "Record not found"}, status=404
    )
    found = crawl(httpserver.url_for("/@nobody"), settings, fetcher)
    assert len(found) == 1 and isinstance(found[0], Skipped) and "404" in found[0].reason


def test_recorded_responses(
    httpserver: HTTPServer, settings: Settings, fetcher: Fetcher, shared: Path
) -> None:
    folder = shared / "fixtures" / "api" / "mastodon"
    account = json.loads((folder / "accounts_lookup__200.json").read_text())
    statuses = json.loads((folder / "accounts_ID_statuses__limit5.json").read_text())
    httpserver.expect_request("/api/v1/accounts/lookup").respond_with_json(account)
    httpserver.expect_request(f"/api/v1/accounts/{account['id']}/statuses").respond_with_json(statuses)
    documents = [
        d
        for d in crawl(httpserver.url_for("/@mastodonpy_test"), settings, fetcher)
        if isinstance(d, Document)
    ]
    assert documents[0].text.startswith("John Lennon\nI walk funny")
    assert len(documents) == 1 + len([s for s in statuses if not s.get("reblog")])
    assert documents[1].text == "Toot number 9!"
