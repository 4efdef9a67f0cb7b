"""GitHub accounts (`https://github.com/NAME`) through the public REST API.

The profile states name, company, location, blog and sometimes an email; public events carry issue
and comment text, and every pushed commit carries its author's name and email address, often a
private address the person never meant to publish. The API base URL is a setting (`github_api_url`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from scanner.config import Settings
from scanner.crawl.fetch import JSON_TYPES, Fetcher
from scanner.crawl.platforms.base import CrawlRequest
from scanner.crawl.platforms.common import dicts, join_text, next_link, obj, parse_time, platform_url
from scanner.errors import FetchError
from scanner.models import Document, DocumentKind, Skipped, StructuredValue, Visibility

_USER_PATH = re.compile(r"^/(?P<login>[A-Za-z0-9](?:[A-Za-z0-9\-]{0,38}))/?$")
RESERVED = frozenset({"about", "features", "pricing", "login", "join", "explore", "topics", "settings",
                      "marketplace", "orgs", "organizations", "sponsors", "notifications", "new", "search"})
PROFILE_FIELDS = (("name", "PERSON"), ("company", "ORGANIZATION"), ("location", "LOCATION"),
                  ("email", "EMAIL_ADDRESS"), ("blog", "URL"), ("twitter_username", "USERNAME"))
PAGE_SIZE = 100
NOREPLY = "noreply.github.com"


def login_of(url: str, api_url: str = "") -> str | None:
    """The account of a https://github.com/NAME URL (or one on the configured API's origin, as on
    GitHub Enterprise); not repositories, not GitHub's own pages."""
    parts = platform_url(url, ("github.com",), api_url.rstrip("/").rsplit("/api/", 1)[0] if api_url else "")
    if parts is None or parts[0] == "gist.github.com":
        return None
    match = _USER_PATH.match(parts[1])
    return match.group("login") if match and match.group("login").lower() not in RESERVED else None


def profile_document(user: dict[str, Any]) -> Document:
    login = str(user.get("login", ""))
    structured = tuple(StructuredValue(entity, user[key], f"github.{key}") for key, entity in PROFILE_FIELDS
                       if isinstance(user.get(key), str) and user[key].strip())
    url = str(user.get("html_url") or f"https://github.com/{login}")
    return Document(
        id=url,
        text=join_text(str(user.get("bio") or "")),
        source="github",
        kind=DocumentKind.PROFILE,
        url=url,
        created_at=parse_time(user.get("created_at")),
        visibility=Visibility.PUBLIC,
        metadata={"login": login},
        structured=structured,
    )


def _event_text(event_type: str, payload: dict[str, Any]) -> str:
    issue = obj(payload.get("issue"))
    comment = obj(payload.get("comment"))
    pull = obj(payload.get("pull_request"))
    if event_type == "PushEvent":
        return join_text(*(str(commit.get("message") or "") for commit in dicts(payload.get("commits"))))
    return join_text(*(str(part.get(key) or "") for part in (issue, pull) for key in ("title", "body")),
                     str(comment.get("body") or ""))


def _commit_authors(payload: dict[str, Any]) -> tuple[StructuredValue, ...]:
    """Distinct author names and emails of a push, without GitHub's noreply addresses."""
    found: dict[tuple[str, str], StructuredValue] = {}
    for commit in dicts(payload.get("commits")):
        author = obj(commit.get("author"))
        name, email = str(author.get("name") or "").strip(), str(author.get("email") or "").strip()
        if name:
            found.setdefault(("PERSON", name), StructuredValue("PERSON", name, "commit author name"))
        if email and not email.endswith(NOREPLY):
            found.setdefault(("EMAIL_ADDRESS", email),
                             StructuredValue("EMAIL_ADDRESS", email, "commit author email"))
    return tuple(found.values())


def event_document(event: dict[str, Any]) -> Document | None:
    """An event with the person's own text or commit identities; None for events with neither."""
    payload = obj(event.get("payload"))
    event_type = str(event.get("type") or "")
    text = _event_text(event_type, payload)
    structured = _commit_authors(payload) if event_type == "PushEvent" else ()
    if not text and not structured:
        return None
    repo = str((event.get("repo") or {}).get("name") or "") if isinstance(event.get("repo"), dict) else ""
    url = f"https://github.com/{repo}" if repo else "https://github.com"
    kind = DocumentKind.ACTIVITY if event_type == "PushEvent" else DocumentKind.COMMENT
    return Document(
        id=f"{url}#event-{event.get('id')}",
        text=text,
        source="github",
        kind=kind,
        url=url,
        created_at=parse_time(event.get("created_at")),
        visibility=Visibility.PUBLIC,
        metadata={"event": event_type, "repo": repo},
        structured=structured,
    )


class GitHubAdapter:
    """Profile, public events and commit identities of one GitHub account."""

    name = "github"

    def matches(self, url: str, settings: Settings) -> bool:
        return login_of(url, settings.github_api_url) is not None

    def documents(self, request: CrawlRequest, fetcher: Fetcher) -> Iterator[Document | Skipped]:
        login = login_of(request.url, request.settings.github_api_url)
        assert login is not None
        api = request.settings.github_api_url.rstrip("/")
        try:
            user = fetcher.get(f"{api}/users/{login}", accept=JSON_TYPES, robots=False).json()
        except FetchError as error:
            yield Skipped(request.url, f"GitHub account not readable: {error}")
            return
        if not isinstance(user, dict) or "login" not in user:
            yield Skipped(request.url, "GitHub answered, but not with an account")
            return
        yield profile_document(user)
        yield from public_events(fetcher, f"{api}/users/{login}/events/public", login, request.max_items)


def public_events(fetcher: Fetcher, url: str, login: str, max_items: int) -> Iterator[Document | Skipped]:
    """The account's own public events, following Link rel=next up to max_items."""
    next_url: str | None = url
    params: dict[str, str] | None = {"per_page": str(PAGE_SIZE)}
    seen = 0
    while next_url and seen < max_items:
        try:
            page = fetcher.get(next_url, params=params, accept=JSON_TYPES, robots=False)
            events = page.json()
        except FetchError as error:
            yield Skipped(next_url, str(error))
            return
        if not isinstance(events, list) or not events:
            return
        for event in dicts(events):
            actor = obj(event.get("actor"))
            document = event_document(event) if str(actor.get("login", "")).lower() == login.lower() else None
            if document is not None and seen < max_items:
                seen += 1
                yield document
        next_url, params = next_link(page.headers.get("link")), None
