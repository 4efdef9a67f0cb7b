"""GitHub adapter against a local API stand-in: profile fields, events, commit author identities."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from pytest_httpserver import HTTPServer

from scanner.config import Settings
from scanner.crawl.fetch import Fetcher
from scanner.crawl.platforms.base import CrawlRequest
from scanner.crawl.platforms.github import GitHubAdapter, login_of
from scanner.models import Document, Skipped

USER = {
    "login": "rowanhale",
    "name": "Rowan Delacroix-Hale",
    "company": "Fernwood Analytics",
    "location": "Portland, OR",
    "email": None,
    "blog": "https://rowan.example",
    "bio": "Data engineer.",
    "html_url": "https://github.com/rowanhale",
    "created_at": "2015-01-01T00:00:00Z",
}


def push(event_id: int, email: str) -> dict[str, object]:
    return {
        "id": str(event_id),
        "type": "PushEvent",
        "actor": {"login": "rowanhale"},
        "repo": {"name": "rowanhale/dots"},
        "created_at": "2026-01-02T03:04:05Z",
        "payload": {
            "commits": [
                {"author": {"name": "Rowan Hale", "email": email}, "message": "Fix pump logger"},
                {"author": {"name": "Rowan Hale", "email": email}, "message": "Add README"},
            ]
        },
    }


def crawl(
    httpserver: HTTPServer,
    settings: Settings,
    fetcher: Fetcher,
    login: str = "rowanhale",
    max_items: int = 100,
) -> list[Document | Skipped]:
    settings = dataclasses.replace(settings, github_api_url=httpserver.url_for("/").rstrip("/"))
    return list(
        GitHubAdapter().documents(CrawlRequest(f"https://github.com/{login}", settings, max_items), fetcher)
    )


def test_login_urls() -> None:
    assert login_of("https://github.com/rowanhale") == "rowanhale"
    assert login_of("https://github.com/rowanhale/dots") is None
    assert login_of("https://github.com/features") is None
    assert login_of("https://gitlab.com/rowanhale") is None


def test_profile_events_and_commit_identities(
    httpserver: HTTPServer, settings: Settings, fetcher: Fetcher
) -> None:
    httpserver.expect_request("/users/rowanhale").respond_with_json(USER)
    page_two = httpserver.url_for("/users/rowanhale/events/public") + "?page=2"
    httpserver.expect_request("/users/rowanhale/events/public", query_string={"page": "2"}).respond_with_json(
        [push(3, "123+rowanhale@users.noreply.github.com")]
    )
    httpserver.expect_request("/users/rowanhale/events/public").respond_with_json(
        [
            push(1, "ro.delacroix@example.com"),
            {
                "id": "2",
                "type": "IssueCommentEvent",
                "actor": {"login": "rowanhale"},
                "repo": {"name": "a/b"},
                "created_at": "2026-01-01T00:00:00Z",
                "payload": {"comment": {"body": "I'm on call at 503-555-0142"}},
            },
            {"id": "9", "type": "WatchEvent", "actor": {"login": "rowanhale"}, "payload": {}},
        ],
        headers={"Link": f'<{page_two}>; rel="next"'},
    )
    documents = [item for item in crawl(httpserver, settings, fetcher) if isinstance(item, Document)]
    profile = documents[0]
    assert {(s.entity, s.value) for s in profile.structured} == {
        ("PERSON", "Rowan Delacroix-Hale"),
        ("ORGANIZATION", "Fernwood Analytics"),
        ("LOCATION", "Portland, OR"),
        ("URL", "https://rowan.example"),
    }
    first_push = documents[1]
    assert {(s.entity, s.value) for s in first_push.structured} == {
        ("PERSON", "Rowan Hale"),
        ("EMAIL_ADDRESS", "ro.delacroix@example.com"),
    }
    assert first_push.text == "Fix pump logger\nAdd README"
    assert documents[2].text == "I'm on call at 503-555-0142"
    assert {(s.entity, s.value) for s in documents[3].structured} == {("PERSON", "Rowan Hale")}
    assert len(documents) == 4


def test_unknown_user(httpserver: HTTPServer, settings: Settings, fetcher: Fetcher) -> None:
    httpserver.expect_request("/users/nobody").respond_with_json({"message": "Not Found"}, status=404)
    found = crawl(httpserver, settings, fetcher, login="nobody")
    assert len(found) == 1 and isinstance(found[0], Skipped) and "404" in found[0].reason


def test_recorded_events(httpserver: HTTPServer, settings: Settings, fetcher: Fetcher, shared: Path) -> None:
    folder = shared / "fixtures" / "api" / "github"
    httpserver.expect_request("/users/jacquev6").respond_with_json(
        json.loads((folder / "users_jacquev6.json").read_text())
    )
    events = json.loads((folder / "users_jacquev6_events_public.json").read_text())
    httpserver.expect_request("/users/jacquev6/events/public").respond_with_json(events)
    documents = [
        item for item in crawl(httpserver, settings, fetcher, login="jacquev6") if isinstance(item, Document)
    ]
    emails = {s.value for d in documents for s in d.structured if s.entity == "EMAIL_ADDRESS"}
    assert "vincent@vincent-jacques.net" in emails
    assert any(d.metadata.get("event") == "PushEvent" for d in documents)
