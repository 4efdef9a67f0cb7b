"""Google Calendar (`Calendar/<calendar name>.ics`, iCalendar): one private document per event.

An event's title, place and description are what the person wrote down about their days (an
appointment at a clinic, a meeting at an address), so they are scanned as text; its start is the
document's time. Events are streamed one at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from scanner.archives.base import ArchiveTree
from scanner.archives.takeout.contentlines import Property, blocks, unescape
from scanner.models import Document, DocumentKind, Visibility

SOURCE = "google"
_TEXT_FIELDS = ("SUMMARY", "LOCATION", "DESCRIPTION")
_STAMP = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z?))?$")


def is_calendar(head: str) -> bool:
    return head.lstrip("\ufeff \r\n\t").upper().startswith("BEGIN:VCALENDAR")


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ValueError, OSError, KeyError):
        return None


def event_start(prop: Property) -> datetime | None:
    """DTSTART as a datetime: UTC ('Z'), in its TZID, a whole day, or floating (taken as UTC)."""
    match = _STAMP.match(prop.value.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, utc = match.groups()
    zone = None if utc else _zone(prop.param("TZID").strip()) if prop.param("TZID") else None
    try:
        return datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0),
            tzinfo=zone or UTC,
        )
    except ValueError:
        return None


def event_documents(tree: ArchiveTree, path: str) -> Iterator[Document]:
    locator = tree.locator(path)
    with tree.open(path) as stream:
        for index, props in enumerate(blocks(stream, "VEVENT")):
            text = "\n".join(
                unescape(p.value).strip()
                for name in _TEXT_FIELDS
                for p in props
                if p.name == name and p.value.strip()
            )
            if not text:
                continue
            start = next((p for p in props if p.name == "DTSTART"), None)
            yield Document(
                id=f"{locator}#{index}",
                text=text,
                source=SOURCE,
                kind=DocumentKind.ACTIVITY,
                created_at=event_start(start) if start else None,
                visibility=Visibility.PRIVATE,
                metadata={"type": "calendar event"},
            )
