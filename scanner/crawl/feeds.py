"""RSS, Atom and JSON Feed entries as posts: a blog's feed is its author's post history in one request.

Feeds are parsed with the standard library, guarded instead of trusted: the body is already capped
by the fetcher, a document declaring entities (`<!ENTITY`, the billion-laughs and external-entity
vectors) is refused before parsing, and expat (2.4.1+, which bounds amplification itself) never
resolves external resources. That is all defusedxml would add for this use, so no new dependency.
"""

from __future__ import annotations

import email.utils
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.etree import ElementTree

from scanner.htmltext import html_to_text
from scanner.models import Document, DocumentKind, Skipped, Visibility
from scanner.redact import error_line

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
FEED_MEDIA_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json",
                    "application/xml", "text/xml")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed, its HTML already turned into text."""

    id: str
    title: str
    text: str
    link: str | None
    published: datetime | None


def looks_like_feed(media_type: str, body: bytes) -> bool:
    head = body[:512].lstrip().lower()
    return media_type in FEED_MEDIA_TYPES or head.startswith((b"<rss", b"<feed")) or (
        head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head))


def _date(text: str | None) -> datetime | None:
    if not text:
        return None
    text = text.strip()
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _text(element: ElementTree.Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(element: ElementTree.Element, *names: str) -> str:
    """Text of the first child with one of these local names, in any namespace (RSS 0.9x/1.0/2.0, DC)."""
    for name in names:
        for child in element:
            if _local(child.tag) == name and (child.text or "").strip():
                return (child.text or "").strip()
    return ""


def _xml_entries(root: ElementTree.Element) -> Iterator[FeedEntry]:
    for item in (node for node in root.iter() if _local(node.tag) == "item"):
        link = _child(item, "link") or None
        guid = _child(item, "guid") or link or _child(item, "title")
        body = _text(item.find(_CONTENT)) or _child(item, "description")
        published = _date(_child(item, "pubDate", "date"))
        yield FeedEntry(guid, _child(item, "title"), html_to_text(body), link, published)
    for entry in root.iter(f"{_ATOM}entry"):
        links = entry.findall(f"{_ATOM}link")
        chosen = next((node for node in links if node.get("rel", "alternate") == "alternate"), None)
        link = chosen.get("href") if chosen is not None else None
        body = _text(entry.find(f"{_ATOM}content")) or _text(entry.find(f"{_ATOM}summary"))
        stamp = _text(entry.find(f"{_ATOM}published")) or _text(entry.find(f"{_ATOM}updated"))
        yield FeedEntry(_text(entry.find(f"{_ATOM}id")) or link or "", _text(entry.find(f"{_ATOM}title")),
                        html_to_text(body), link, _date(stamp))


def _json_entries(data: Any) -> Iterator[FeedEntry]:
    items = data.get("items") if isinstance(data, dict) else None
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        body = item.get("content_text") or html_to_text(str(item.get("content_html") or ""))
        link = item.get("url") if isinstance(item.get("url"), str) else None
        yield FeedEntry(str(item.get("id") or link or ""), str(item.get("title") or ""), str(body),
                        link, _date(item.get("date_published") if isinstance(item.get("date_published"), str)
                                    else None))


def feed_entries(body: bytes) -> Iterator[FeedEntry]:
    """Entries of an RSS 2.0, Atom or JSON Feed document; ValueError when it is none of them."""
    if body.lstrip()[:1] == b"{":
        try:
            yield from _json_entries(json.loads(body))
        except (ValueError, RecursionError) as error:
            raise ValueError("JSON feed is not valid JSON") from error
        return
    if _ENTITY_DECLARATION.search(body):
        raise ValueError("feed declares XML entities; refused (entity expansion)")
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as error:
        raise ValueError(f"feed is not well-formed XML ({error_line(error)})") from error
    except LookupError as error:  # its message names the declared encoding, which is input
        raise ValueError("feed declares an encoding that is not known") from error
    yield from _xml_entries(root)


def feed_documents(feed_url: str, body: bytes, max_items: int) -> Iterator[Document | Skipped]:
    """At most `max_items` feed entries as public posts; an unreadable feed becomes one Skipped."""
    try:
        for index, entry in enumerate(feed_entries(body)):
            if index >= max_items:
                return
            text = "\n\n".join(part for part in (entry.title, entry.text) if part)
            if not text:
                continue
            locator = entry.link or f"{feed_url}#{entry.id or index}"
            yield Document(id=locator, text=text, source="web", kind=DocumentKind.POST, url=entry.link,
                           created_at=entry.published, visibility=Visibility.PUBLIC,
                           metadata={"feed": feed_url})
    except ValueError as error:
        yield Skipped(feed_url, str(error))
