"""`exposure scan` end to end for each platform adapter: a local stand-in of the platform, through the
real CLI, detection and scoring, into the findings database, with the AI-training signals per site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from scanner.cli import app

ROBOTS = "User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
BIO = "Rowan Delacroix-Hale. I was diagnosed with type 1 diabetes in 2001. Email rowan.hale@example.org"


def serve_site_files(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(ROBOTS, content_type="text/plain")
    for path in ("/.well-known/tdmrep.json", "/ai.txt"):
        httpserver.expect_request(path).respond_with_data("", status=404)


def serve_mastodon(httpserver: HTTPServer) -> str:
    httpserver.expect_request("/api/v1/accounts/lookup").respond_with_json(
        {
            "id": "7",
            "acct": "rowan",
            "display_name": "Rowan",
            "note": f"<p>{BIO}</p>",
            "url": httpserver.url_for("/@rowan"),
            "fields": [],
        }
    )
    httpserver.expect_request("/api/v1/accounts/7/statuses").respond_with_json(
        [
            {
                "id": "1",
                "created_at": "2026-01-01T00:00:00Z",
                "visibility": "public",
                "content": "<p>Call 503-555-0142</p>",
                "url": httpserver.url_for("/@rowan/1"),
                "reblog": None,
            }
        ]
    )
    return httpserver.url_for("/@rowan")


def serve_bluesky(httpserver: HTTPServer) -> str:
    httpserver.expect_request("/xrpc/app.bsky.actor.getProfile").respond_with_json(
        {"did": "did:plc:r", "handle": "rowanhale.bsky.social", "description": BIO}
    )
    httpserver.expect_request("/xrpc/app.bsky.feed.getAuthorFeed").respond_with_json(
        {
            "feed": [
                {
                    "post": {
                        "uri": "at://did:plc:r/app.bsky.feed.post/3a",
                        "author": {"did": "did:plc:r"},
                        "record": {"text": "Call 503-555-0142", "createdAt": "2026-01-01T00:00:00Z"},
                    }
                }
            ]
        }
    )
    return httpserver.url_for("/profile/rowanhale.bsky.social")


def serve_reddit(httpserver: HTTPServer) -> str:
    httpserver.expect_request("/user/rowan_hale/about.json").respond_with_json(
        {"kind": "t2", "data": {"name": "rowan_hale", "subreddit": {"public_description": BIO}}}
    )
    httpserver.expect_request("/user/rowan_hale/submitted.json").respond_with_json(
        {
            "kind": "Listing",
            "data": {
                "after": None,
                "children": [
                    {
                        "kind": "t3",
                        "data": {
                            "title": "Call 503-555-0142",
                            "selftext": "",
                            "permalink": "/r/x/comments/1/",
                            "created_utc": 1.7e9,
                        },
                    }
                ],
            },
        }
    )
    httpserver.expect_request("/user/rowan_hale/comments.json").respond_with_json(
        {"kind": "Listing", "data": {"after": None, "children": []}}
    )
    return httpserver.url_for("/user/rowan_hale")


def serve_github(httpserver: HTTPServer) -> str:
    httpserver.expect_request("/users/rowanhale").respond_with_json(
        {"login": "rowanhale", "name": "Rowan Delacroix-Hale", "bio": BIO, "email": "rowan.hale@example.org"}
    )
    httpserver.expect_request("/users/rowanhale/events/public").respond_with_json(
        [
            {
                "id": "1",
                "type": "IssueCommentEvent",
                "actor": {"login": "rowanhale"},
                "repo": {"name": "a/b"},
                "created_at": "2026-01-01T00:00:00Z",
                "payload": {"comment": {"body": "Call 503-555-0142"}},
            }
        ]
    )
    return httpserver.url_for("/rowanhale")


def serve_hackernews(httpserver: HTTPServer) -> str:
    httpserver.expect_request("/v0/user/rowanhale.json").respond_with_json(
        {"id": "rowanhale", "about": BIO, "submitted": [1]}
    )
    httpserver.expect_request("/v0/item/1.json").respond_with_json(
        {"id": 1, "type": "comment", "text": "Call 503-555-0142", "time": 1.7e9}
    )
    return httpserver.url_for("/user") + "?id=rowanhale"


PLATFORMS = {
    "mastodon": (serve_mastodon, None),
    "bluesky": (serve_bluesky, "EXPOSURE_BLUESKY_APPVIEW_URL"),
    "reddit": (serve_reddit, "EXPOSURE_REDDIT_URL"),
    "github": (serve_github, "EXPOSURE_GITHUB_API_URL"),
    "hackernews": (serve_hackernews, "EXPOSURE_HACKERNEWS_API_URL"),
}


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_platform_scan_lands_in_the_findings_table(
    platform: str, httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve, base_setting = PLATFORMS[platform]
    serve_site_files(httpserver)
    url = serve(httpserver)
    if base_setting:
        monkeypatch.setenv(base_setting, httpserver.url_for("/").rstrip("/"))
    monkeypatch.setenv("EXPOSURE_PER_HOST_DELAY", "0")
    db = tmp_path / "exposure.db"
    result = CliRunner().invoke(app, ["scan", url, "--format", "json", "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["documents"]["by_source"] == {platform: 2}
    entities = {finding["entity"] for finding in report["findings"]}
    assert {"MEDICAL_CONDITION", "PHONE_NUMBER", "EMAIL_ADDRESS"} <= entities
    (site,) = report["sources"]
    assert site["platform"] == platform and site["robots_checked"] is True
    assert "GPTBot" in site["training_crawlers_blocked"] and "ClaudeBot" in site["training_crawlers_allowed"]
    assert "rowan.hale@example.org" not in result.stdout + result.stderr
    stored = CliRunner().invoke(app, ["findings", "--db", str(db), "--format", "json", "--source", platform])
    assert stored.exit_code == 0
    distinct = {finding["fingerprint"] for finding in report["findings"]}
    assert json.loads(stored.stdout)["total"] == len(distinct)
