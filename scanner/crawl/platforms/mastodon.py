"""Mastodon and other servers with Mastodon's public API, on any instance: `https://host/@user`.

Public accounts and public/unlisted statuses are readable without a token through
`/api/v1/accounts/lookup` and `/api/v1/accounts/:id/statuses`, paged by the Link header. Boosts are
other people's words and are excluded at the source (`exclude_reblogs`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from scanner.config import Settings
from scanner.crawl.fetch import JSON_TYPES, Fetcher
from scanner.crawl.platforms.base import CrawlRequest
from scanner.crawl.platforms.common import (
    dicts,
    host_is,
    join_text,
    next_link,
    obj,
    parse_time,
    text_of,
    url_parts,
)
from scanner.errors import FetchError
from scanner.models import Document, DocumentKind, Skipped, StructuredValue, Visibility

_PROFILE_PATH = re.compile(r"^/(?:@|users/)(?P<user>[A-Za-z0-9_.]+)(?:@(?P<domain>[A-Za-z0-9.\-]+))?/?$")
NOT_FEDIVERSE = ("medium.com", "youtube.com", "tiktok.com", "substack.com", "threads.net", "threads.com",
                 "bsky.app", "github.com", "twitch.tv", "pinterest.com")
"""Sites whose /@name paths are not Mastodon profiles."""
PAGE_SIZE = 40
VISIBILITY = {"public": Visibility.PUBLIC, "unlisted": Visibility.UNLISTED,
              "private": Visibility.FOLLOWERS, "direct": Visibility.DIRECT}
FIELD_ENTITIES = (("mail", "EMAIL_ADDRESS"), ("phone", "PHONE_NUMBER"), ("tel", "PHONE_NUMBER"),
                  ("location", "LOCATION"), ("city", "LOCATION"), ("pronoun", "GENDER_IDENTITY"))


def profile_target(url: str) -> tuple[str, str] | None:
    """(instance base URL, acct) for a Mastodon-style profile URL."""
    parts = url_parts(url)
    if parts is None:
        return None
    host, path, _ = parts
    match = _PROFILE_PATH.match(path)
    if match is None or host_is(host, *NOT_FEDIVERSE):
        return None
    base = url[: url.index(path)] if path in url else f"https://{host}"
    user, domain = match.group("user"), match.group("domain")
    return base.rstrip("/"), f"{user}@{domain}" if domain else user


def _field_structured(name: str, value: str) -> StructuredValue | None:
    lowered = name.casefold()
    for word, entity in FIELD_ENTITIES:
        if word in lowered and value:
            return StructuredValue(entity, value, f"profile field '{name}'")
    return None


def profile_document(account: dict[str, Any], url: str) -> Document:
    fields = [(str(entry.get("name", "")), text_of(entry.get("value")))
              for entry in dicts(account.get("fields"))]
    structured = [value for name, text in fields if (value := _field_structured(name, text))]
    text = join_text(str(account.get("display_name") or ""), text_of(account.get("note")),
                     *(f"{name}: {value}" for name, value in fields))
    return Document(
        id=str(account.get("url") or url),
        text=text,
        source="mastodon",
        kind=DocumentKind.PROFILE,
        url=str(account.get("url") or url),
        created_at=parse_time(account.get("created_at")),
        visibility=Visibility.PUBLIC,
        metadata={key: str(account.get(key)).lower() for key in ("acct", "locked", "indexable", "noindex")},
        structured=tuple(structured),
    )


def status_document(status: dict[str, Any]) -> Document | None:
    """One status as a document; None for boosts (someone else's words)."""
    if status.get("reblog"):
        return None
    alt_texts = [str(media.get("description") or "") for media in dicts(status.get("media_attachments"))]
    poll = obj(status.get("poll"))
    options = [str(option.get("title") or "") for option in dicts(poll.get("options"))]
    text = join_text(str(status.get("spoiler_text") or ""), text_of(status.get("content")), *alt_texts,
                     *options)
    url = str(status.get("url") or status.get("uri") or status.get("id"))
    return Document(
        id=url,
        text=text,
        source="mastodon",
        kind=DocumentKind.COMMENT if status.get("in_reply_to_id") else DocumentKind.POST,
        url=url,
        created_at=parse_time(status.get("created_at")),
        visibility=VISIBILITY.get(str(status.get("visibility")), Visibility.UNKNOWN),
        metadata={"language": str(status.get("language") or "")},
    )


class MastodonAdapter:
    """Profile, fields and own statuses of one account on any Mastodon-API instance."""

    name = "mastodon"

    def matches(self, url: str, settings: Settings) -> bool:
        return profile_target(url) is not None

    def documents(self, request: CrawlRequest, fetcher: Fetcher) -> Iterator[Document | Skipped]:
        target = profile_target(request.url)
        assert target is not None
        base, acct = target
        try:
            lookup = fetcher.get(f"{base}/api/v1/accounts/lookup", params={"acct": acct}, accept=JSON_TYPES,
                                 robots=False, allow_status=(404,))
            if lookup.status == 404:
                yield Skipped(request.url, f"no Mastodon account {acct} on {base} (HTTP 404)")
                return
            account = lookup.json()
        except FetchError as error:
            yield Skipped(request.url, f"not readable as a Mastodon profile: {error}")
            return
        if not isinstance(account, dict) or "id" not in account:
            yield Skipped(request.url, "the instance answered, but not with a Mastodon account")
            return
        yield profile_document(account, request.url)
        yield from statuses(fetcher, base, str(account["id"]), request)


def statuses(fetcher: Fetcher, base: str, account_id: str,
             request: CrawlRequest) -> Iterator[Document | Skipped]:
    """The account's own statuses, newest first, following Link rel=next up to max_items."""
    url: str | None = f"{base}/api/v1/accounts/{account_id}/statuses"
    params: dict[str, str] | None = {"limit": str(PAGE_SIZE), "exclude_reblogs": "true"}
    seen = 0
    while url and seen < request.max_items:
        try:
            page = fetcher.get(url, params=params, accept=JSON_TYPES, robots=False)
            items = page.json()
        except FetchError as error:
            yield Skipped(url, str(error))
            return
        if not isinstance(items, list) or not items:
            return
        for status in items:
            document = status_document(status) if isinstance(status, dict) else None
            if document is not None and seen < request.max_items:
                seen += 1
                yield document
        url, params = next_link(page.headers.get("link")), None
