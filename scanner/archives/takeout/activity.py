"""My Activity (searches, visits, views) and Chrome history: what the person looked for, privately.

My Activity records are the same JSON in every product folder (or the same HTML, read in
activity_html.py into the same documents); search queries are recognised by
their result URL (and English or German title), since titles are localised. Records may carry an
approximate location as a Maps link with the centre's coordinates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from scanner.archives.base import ArchiveTree
from scanner.archives.formats.fields import coordinates, from_epoch, parse_time
from scanner.archives.formats.jsonstream import elements
from scanner.models import Document, DocumentKind, StructuredValue, Visibility

SOURCE = "google"
_SEARCH_URL = re.compile(r"/search\?(?:[^#]*&)?q=|/results\?(?:[^#]*&)?search_query=|/maps/search/")
"""Result pages of Google, YouTube and Maps searches; a redirect link (`/url?q=`) is a visit, not a search."""
_SEARCH_TITLES = ("Searched for ", "Gesucht nach ", "Recherche : ", "Has buscado ", "Búsqueda: ")
_CENTER = re.compile(r"center=(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")


def _location(record: dict[str, Any]) -> list[StructuredValue]:
    found: list[StructuredValue] = []
    for info in record.get("locationInfos") or []:
        if isinstance(info, dict) and isinstance(info.get("url"), str):
            match = _CENTER.search(info["url"])
            geo = coordinates(match.group(1), match.group(2), "my_activity.location") if match else None
            found += [geo] if geo else []
    return found


def is_search(record: dict[str, Any]) -> bool:
    title, url = record.get("title"), record.get("titleUrl")
    return (isinstance(title, str) and title.startswith(_SEARCH_TITLES)) or (
        isinstance(url, str) and bool(_SEARCH_URL.search(url))
    )


def activity_document(record: dict[str, Any], document_id: str, created: datetime | None) -> Document | None:
    """One My Activity record (the JSON's shape; the HTML reader builds the same) as a document."""
    parts = [record.get("title")]
    parts += [s.get("name") for s in record.get("subtitles") or [] if isinstance(s, dict)]
    parts.append(record.get("description"))
    parts += [d.get("name") for d in record.get("details") or [] if isinstance(d, dict)]
    text = "\n".join(part for part in parts if isinstance(part, str) and part.strip())
    structured = _location(record)
    if not text and not structured:
        return None
    products = record.get("products") or [record.get("header")]
    return Document(
        id=document_id,
        text=text,
        source=SOURCE,
        kind=DocumentKind.SEARCH if is_search(record) else DocumentKind.ACTIVITY,
        created_at=created,
        visibility=Visibility.PRIVATE,
        metadata={"product": ", ".join(str(p) for p in products if p)},
        structured=tuple(dict.fromkeys(structured)),
    )


def activity_documents(tree: ArchiveTree, path: str) -> Iterator[Document]:
    locator = tree.locator(path)
    with tree.open(path) as stream:
        for index, (_key, record) in enumerate(elements(stream)):
            if isinstance(record, dict):
                document = activity_document(record, f"{locator}#{index}", parse_time(record.get("time")))
                if document is not None:
                    yield document


def browser_documents(tree: ArchiveTree, path: str) -> Iterator[Document]:
    """Chrome history: page titles and URLs (which often carry search terms)."""
    locator = tree.locator(path)
    with tree.open(path) as stream:
        for index, (_key, record) in enumerate(elements(stream, ("Browser History.item",))):
            if not isinstance(record, dict):
                continue
            text = "\n".join(v for v in (record.get("title"), record.get("url")) if isinstance(v, str) and v)
            if text:
                yield Document(
                    id=f"{locator}#{index}",
                    text=text,
                    source=SOURCE,
                    kind=DocumentKind.SEARCH
                    if is_search({"titleUrl": record.get("url")})
                    else DocumentKind.ACTIVITY,
                    created_at=from_epoch(record.get("time_usec")),
                    visibility=Visibility.PRIVATE,
                    metadata={"product": "Chrome"},
                )
