"""The shape every platform adapter shares: what it is asked to crawl, and the protocol it follows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from scanner.config import Settings
from scanner.crawl.fetch import Fetcher
from scanner.models import Document, Skipped


@dataclass(frozen=True, slots=True)
class CrawlRequest:
    """One URL the person asked to scan, with the bounds the run allows."""

    url: str
    settings: Settings
    max_items: int
    """Posts/items an adapter fetches at most for this URL (default Settings.max_items)."""
    max_pages: int = 50
    """Pages the website crawler fetches at most per site."""
    depth: int = 2
    """Link hops from the start page the website crawler follows (0: the start page only)."""


class PlatformAdapter(Protocol):
    """One platform (or the open web): recognises its URLs and yields their documents."""

    name: str
    """Platform name: Document.source for what it yields and the key of its AI-training policy."""

    def matches(self, url: str, settings: Settings) -> bool:
        """True when this adapter understands the URL (public form, or the settings' base URL)."""
        ...

    def documents(self, request: CrawlRequest, fetcher: Fetcher) -> Iterator[Document | Skipped]:
        """Every document behind the URL, streamed; failures become Skipped records, never raise."""
        ...
