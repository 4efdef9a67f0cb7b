"""What Facebook and Instagram exports share: mojibake repair, Meta's generic records, Messenger threads.

Meta writes UTF-8 bytes as if each were a Latin-1 code point ('tilf\\u00c3\\u00b8jet' for 'tilføjet'),
so every string is repaired on its own (encode Latin-1, decode UTF-8), and left alone when it was
never broken. Newer files describe records generically (`label_values`, `string_map_data`) with
labels in the account's language, so values are kept with their labels and recognised by shape.
Both platforms export Messenger-shaped threads and, on request, HTML instead of JSON.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from scanner.archives.base import ArchiveTree
from scanner.archives.formats.fields import by_shape, coordinates, from_epoch, parse_time
from scanner.archives.formats.jsonstream import elements, load_small, one_line
from scanner.archives.formats.technical import technical
from scanner.errors import ExposureError
from scanner.htmltext import html_to_text
from scanner.models import Document, DocumentKind, Skipped, StructuredValue, Visibility

HTML_PAGE_BYTES = 32 * 1024 * 1024
"""HTML pages larger than this are skipped rather than parsed whole."""

_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_TECHNICAL = ("cookie", "user_agent", "fbid", "uri", "href", "media", "timestamp")
"""Record fields that are machine identifiers, not facts about the person."""
_THREAD = re.compile(
    r"(?:^|/)messages/(inbox|archived_threads|filtered_threads|message_requests|e2ee_cutover)"
    r"/([^/]+)/message_\d+\.json$"
)


def repair(text: str) -> str:
    """Undo Meta's Latin-1 mojibake in one string; strings that were never broken come back unchanged."""
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text


def repaired(value: Any) -> Any:
    """A JSON value with every string and key repaired (exact type checks: this runs on every record)."""
    kind = type(value)
    if kind is str:
        return value if value.isascii() else repair(value)
    if kind is dict:
        return {(key if key.isascii() else repair(key)): repaired(item) for key, item in value.items()}
    if kind is list:
        return [repaired(item) for item in value]
    return value


def label_pairs(record: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(label, value) pairs of a generic Meta record: `label_values` (nested) and `string_map_data`."""
    for entry in record.get("label_values") or []:
        yield from _label_entry(entry, "")
    for label, field in (record.get("string_map_data") or {}).items():
        if isinstance(field, dict):
            value = field.get("value") or field.get("href")
            if isinstance(value, str) and value:
                yield label, value
    for field in record.get("string_list_data") or []:
        if isinstance(field, dict) and isinstance(field.get("value"), str):
            yield str(record.get("title") or "value"), field["value"]


def _label_entry(entry: Any, outer: str) -> Iterator[tuple[str, str]]:
    if not isinstance(entry, dict):
        return
    label = str(entry.get("label") or entry.get("title") or outer)
    for key in ("value", "href"):
        value = entry.get(key)
        if isinstance(value, str) and value:
            yield label, value
            break
    for child in entry.get("dict") or []:
        yield from _label_entry(child, label)
    for child in entry.get("vec") or []:
        yield from _label_entry(child, label)


def record_time(record: dict[str, Any]) -> datetime | None:
    """The first time field a Meta record carries (seconds or ms), or None."""
    for key in (
        "timestamp",
        "creation_timestamp",
        "create_timestamp",
        "timestamp_ms",
        "created_timestamp",
        "start_timestamp",
    ):
        if record.get(key):
            return from_epoch(record[key])
    for field in (record.get("string_map_data") or {}).values():
        if isinstance(field, dict) and field.get("timestamp"):
            return from_epoch(field["timestamp"])
    for field in record.get("string_list_data") or []:
        if isinstance(field, dict) and field.get("timestamp"):
            return from_epoch(field["timestamp"])
    title = record.get("title")
    return parse_time(title) if isinstance(title, str) and _ISO_TIME.match(title) else None


def thread_paths(paths: list[str]) -> list[str]:
    return [path for path in paths if _THREAD.search(path)]


MESSAGE_RECEIVED = "message received"
"""The `third_party` kind of a message someone else sent the owner (scanner.scoring.owner)."""


def owner_names(tree: ArchiveTree, path: str | None,
                names_of: Callable[[Any], Iterable[str]]) -> frozenset[str]:
    """The owner's names as a thread's `sender_name` spells them, read from the profile member at `path`.

    Empty when there is no profile or it cannot be read (its own reader reports that): then no message
    is marked received, rather than the owner's own messages marked as someone else's."""
    if path is None:
        return frozenset()
    try:
        data = repaired(load_small(tree, path).value)
    except (ExposureError, OSError):
        return frozenset()
    return frozenset(name.strip().casefold() for name in names_of(data)
                     if isinstance(name, str) and name.strip())


def _received(message: dict[str, Any], owner: frozenset[str]) -> bool:
    sender = message.get("sender_name")
    return bool(owner) and isinstance(sender, str) and sender.strip().casefold() not in owner


def thread_documents(tree: ArchiveTree, path: str, source: str,
                     owner: frozenset[str] = frozenset()) -> Iterator[Document | Skipped]:
    """Every message of one Messenger-shaped thread file, as a direct message; one whose sender is not
    among the `owner`'s names is other people's data (`third_party`: message received)."""
    match = _THREAD.search(path)
    folder = match.group(2) if match else ""
    locator = tree.locator(path)
    seen: set[str] = set()
    try:
        with tree.open(path) as stream:
            for index, (key, message) in enumerate(elements(stream, ("messages.item",))):
                if key != "messages" or not isinstance(message, dict):
                    continue
                message = repaired(message)
                text = _message_text(message)
                if not text:
                    continue
                anchor = str(message.get("timestamp_ms") or index)
                anchor = anchor if anchor not in seen else f"{anchor}-{index}"
                seen.add(anchor)
                yield Document(
                    id=f"{locator}#{anchor}",
                    text=text,
                    source=source,
                    kind=DocumentKind.MESSAGE,
                    created_at=from_epoch(message.get("timestamp_ms")),
                    visibility=Visibility.DIRECT,
                    metadata={"thread": folder, "type": str(message.get("type") or "")}
                    | ({"third_party": MESSAGE_RECEIVED} if _received(message, owner) else {}),
                )
    except ExposureError as error:
        yield Skipped(locator, str(error))
    except OSError as error:
        yield Skipped(locator, f"cannot read: {one_line(error)}")


def _message_text(message: dict[str, Any]) -> str:
    parts = [message.get("content")]
    share = message.get("share")
    if isinstance(share, dict):
        parts += [share.get("share_text"), share.get("link")]
    return "\n".join(part for part in parts if isinstance(part, str) and part.strip())


def html_kind(path: str) -> tuple[DocumentKind, Visibility]:
    """What an HTML page of a Meta export holds, from the folder it sits in."""
    lowered = path.lower()
    if "/messages/" in f"/{lowered}":
        return DocumentKind.MESSAGE, Visibility.DIRECT
    if "comment" in lowered:
        return DocumentKind.COMMENT, Visibility.UNKNOWN
    if "/posts" in f"/{lowered}" or "/content/" in f"/{lowered}":
        return DocumentKind.POST, Visibility.UNKNOWN
    if "personal_information" in lowered or "profile_information" in lowered:
        return DocumentKind.PROFILE, Visibility.UNKNOWN
    return DocumentKind.ACTIVITY, Visibility.PRIVATE


def html_documents(tree: ArchiveTree, paths: list[str], source: str) -> Iterator[Document | Skipped]:
    """One document per HTML page of an export made in the HTML format, its visible text.

    The navigation pages (index.html, start_here.html) hold only links and are left out.
    """
    for path in paths:
        if path.rsplit("/", 1)[-1] in ("index.html", "start_here.html"):
            continue
        locator = tree.locator(path)
        if tree.size(path) > HTML_PAGE_BYTES:
            yield Skipped(locator, f"HTML page larger than {HTML_PAGE_BYTES // 2**20} MB; not read")
            continue
        try:
            with tree.open(path) as stream:
                text = html_to_text(stream.read().decode("utf-8", errors="replace"))
        except ExposureError as error:
            yield Skipped(locator, str(error))
            continue
        except OSError as error:
            yield Skipped(locator, f"cannot read: {one_line(error)}")
            continue
        if text:
            kind, visibility = html_kind(path)
            yield Document(id=locator, text=text, source=source, kind=kind, visibility=visibility)


def records(
    tree: ArchiveTree, path: str, prefixes: tuple[str, ...] = ()
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(top-level key, repaired record) for every object element of a member, streamed."""
    with tree.open(path) as stream:
        for key, element in elements(stream, prefixes):
            if isinstance(element, dict):
                yield key, repaired(element)


def place_values(place: dict[str, Any], label: str) -> list[StructuredValue]:
    """Coordinates and address of a Meta place record."""
    found: list[StructuredValue] = []
    coordinate = place.get("coordinate")
    if isinstance(coordinate, dict):
        geo = coordinates(coordinate.get("latitude"), coordinate.get("longitude"), label)
        found += [geo] if geo else []
    address = place.get("address")
    if isinstance(address, str) and address.strip():
        found.append(StructuredValue("STREET_ADDRESS", address, f"{label}.address"))
    return found


def record_documents(tree: ArchiveTree, path: str, locator: str, source: str) -> Iterator[Document]:
    """Logins, sessions, places and other generic records: one document per record or distinct IP.

    Labels are localised, so stated values are recognised by shape (email, IP, phone); technical fields
    (user agents, device ids, app versions, locales: scanner.archives.formats.technical) are left out;
    a login log repeats one IP thousands of times, so only a record with an IP not seen before in the
    file counts.
    """
    seen_ips: set[str] = set()
    for index, (key, record) in enumerate(records(tree, path)):
        pairs = [
            (f"{key}.{name}", value)
            for name, value in record.items()
            if isinstance(value, str) and value.strip() and not any(t in name for t in _TECHNICAL)
        ]
        pairs += list(label_pairs(record))
        pairs = [(label, value) for label, value in pairs if not technical(label, value)]
        structured = [value for label, raw in pairs if (value := by_shape(raw, label))]
        structured += place_values(record, key) if "coordinate" in record else []
        ips = {value.value for value in structured if value.entity == "IP_ADDRESS"}
        if ips and ips <= seen_ips:
            continue
        seen_ips |= ips
        text = "\n".join(f"{label}: {value}" for label, value in pairs)
        if not text and not structured:
            continue
        kind = (
            DocumentKind.LOCATION
            if "coordinate" in record
            else DocumentKind.SEARCH
            if "search" in path.rsplit("/", 1)[-1]
            else DocumentKind.ACCOUNT
        )
        yield Document(
            id=f"{locator}#{index}",
            text=text,
            source=source,
            kind=kind,
            created_at=record_time(record),
            visibility=Visibility.PRIVATE,
            structured=tuple(unique(structured)),
        )


INFERENCE_FILES = re.compile(
    r"(?:^|/)(?:ads_interests|your_topics|other_categories_used_to_reach_you|"
    r"advertisers_using_your_activity_or_information|inferred_[^/]*)\.json$"
)
"""Files of what Meta inferred about the person or targets ads by: the platform's view, not the person's."""
MAX_INFERENCES = 2000


def _strings(value: Any, found: dict[str, None]) -> None:
    """Every string value below `value` (labels and file names aside), in order, without repeats."""
    stack = [value]
    while stack and len(found) < MAX_INFERENCES:
        item = stack.pop()
        if isinstance(item, str) and item.strip():
            found.setdefault(item.strip())
        elif isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            stack.extend(child for key, child in reversed(item.items())
                         if key not in ("label", "title", "href", "uri", "timestamp", "media", "fbid"))


def inference_documents(tree: ArchiveTree, path: str, locator: str, source: str) -> Iterator[Document]:
    """Meta's ad interests and topics: one 'inference' document listing them."""
    found: dict[str, None] = {}
    loaded = load_small(tree, path)
    _strings(repaired(loaded.value), found)
    if found:
        yield Document(id=locator, text="\n".join(found), source=source, kind=DocumentKind.INFERENCE,
                       visibility=Visibility.PRIVATE)
    loaded.settle()


def unique(values: list[StructuredValue]) -> list[StructuredValue]:
    """Structured values without repeats of the same entity and value."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for value in values:
        if (value.entity, value.value) not in seen:
            seen.add((value.entity, value.value))
            kept.append(value)
    return kept
