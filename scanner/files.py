"""Plain files and folders of text-like files as documents: the `scan-files` source.

Each file is one document (a CSV or JSON-lines file, one per row/line; a JSON array, one per element)
so findings point at the row that holds them. Files that are too large, binary or unreadable become
`Skipped` records; a CSV that breaks part-way keeps the rows read before the break.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from scanner import safejson
from scanner.csvfield import FIELD_BYTES  # noqa: F401  (sets the process-wide field limit)
from scanner.htmltext import html_to_text
from scanner.models import Document, DocumentKind, Skipped

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".csv",
                           ".tsv", ".xml", ".rst", ".log"})
MAX_FILE_BYTES = 50_000_000
"""Larger text files are skipped with a note rather than read into memory."""
SOURCE = "files"


MOSTLY_UTF8 = 0.01
"""Below this share of undecodable bytes a file is UTF-8 with a few broken bytes, not Latin-1."""
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13, 27})
BINARY_CONTROL_SHARE = 0.1
"""Text has almost no control characters; more than this share in the head means binary data."""


def decode(data: bytes, where: str) -> str:
    """Text from bytes: BOM-marked UTF-16/UTF-8, else UTF-8 (a few bad bytes become U+FFFD), else
    Windows-1252/Latin-1. Never fails."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        replaced = data.decode("utf-8", errors="replace")
        if replaced.count("\ufffd") <= MOSTLY_UTF8 * len(data):
            return replaced
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters early on: an image, an archive, an executable."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    return len(head) - len(head.translate(None, _CONTROL)) > BINARY_CONTROL_SHARE * len(head)


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """Lone surrogates (JSON's "\\ud800" escapes) as U+FFFD: they cannot be printed or encoded."""
    return text if text.isascii() or not _SURROGATE.search(text) else _SURROGATE.sub("\ufffd", text)


def json_strings(value: object) -> Iterator[str]:
    """Every string in a JSON value, depth first; keys are labels, not personal text."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if item.strip():
                yield without_surrogates(item)
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def documents_from_bytes(data: bytes, locator: str, suffix: str, source: str = SOURCE,
                         created_at: datetime | None = None) -> Iterator[Document | Skipped]:
    """Documents in one text-like file's bytes, by its suffix."""
    if looks_binary(data):
        yield Skipped(locator, "binary content in a text file")
        return
    text = decode(data, locator)
    kind = DocumentKind.FILE
    if suffix in {".html", ".htm", ".xml"}:
        yield Document(id=locator, text=html_to_text(text), source=source, kind=kind, created_at=created_at)
    elif suffix == ".json":
        try:
            parsed = safejson.loads(text)
        except json.JSONDecodeError as error:
            yield Skipped(locator, f"not valid JSON (line {error.lineno}: {error.msg}); scanned as text")
            yield Document(id=locator, text=text, source=source, kind=kind, created_at=created_at)
            return
        if isinstance(parsed, list) and len(parsed) > 1:
            for number, element in enumerate(parsed, 1):
                text = "\n".join(json_strings(element))
                if text:
                    yield Document(id=f"{locator}#{number}", text=text, source=source, kind=kind,
                                   created_at=created_at)
            return
        yield Document(id=locator, text="\n".join(json_strings(parsed)), source=source, kind=kind,
                       created_at=created_at)
    elif suffix in {".jsonl", ".ndjson"}:
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                value = safejson.loads(line)
            except json.JSONDecodeError:
                yield Skipped(f"{locator}#L{number}", "line is not valid JSON")
                continue
            yield Document(id=f"{locator}#L{number}", text="\n".join(json_strings(value)), source=source,
                           kind=kind, created_at=created_at)
    elif suffix in {".csv", ".tsv"}:
        delimiter = "\t" if suffix == ".tsv" or text[:2000].count("\t") > text[:2000].count(",") else ","
        yield from _csv_rows(text, delimiter, locator, source, created_at)
    else:
        yield Document(id=locator, text=text, source=source, kind=kind, created_at=created_at)


def _csv_rows(text: str, delimiter: str, locator: str, source: str,
              created_at: datetime | None) -> Iterator[Document | Skipped]:
    """One document per data row (the header is skipped), read as they come."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    number = 1
    try:
        for number, row in enumerate(reader, 1):
            cells = [cell for cell in row if cell.strip()]
            if number > 1 and cells:
                yield Document(id=f"{locator}#L{number}", text="\n".join(cells), source=source,
                               kind=DocumentKind.FILE, created_at=created_at)
    except csv.Error as error:
        yield Skipped(f"{locator}#L{number + 1}", f"not readable as CSV from here on ({error})")


def walk(paths: Iterable[Path]) -> Iterator[Path | Skipped]:
    """Text-like files under the given files and folders, in a stable order; links are not followed."""
    for path in paths:
        if path.is_symlink():
            yield Skipped(str(path), "symbolic link not followed")
        elif path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs.sort()
                for name in sorted(names):
                    child = Path(root, name)
                    if child.suffix.lower() in TEXT_SUFFIXES and not child.is_symlink():
                        yield child
        elif path.is_file():
            yield path
        else:
            yield Skipped(str(path), "no such file or folder")


def file_documents(paths: Iterable[Path]) -> Iterator[Document | Skipped]:
    """Documents for `exposure scan-files`."""
    for entry in walk(paths):
        if isinstance(entry, Skipped):
            yield entry
            continue
        locator = str(entry)
        try:
            size = entry.stat().st_size
            if size > MAX_FILE_BYTES:
                yield Skipped(locator, f"file of {size:,} bytes is over the {MAX_FILE_BYTES:,}-byte limit")
                continue
            data = entry.read_bytes()
            modified = datetime.fromtimestamp(entry.stat().st_mtime, tz=UTC)
        except OSError as error:
            yield Skipped(locator, f"cannot read: {error.strerror or error}")
            continue
        yield from documents_from_bytes(data, locator, entry.suffix.lower(), created_at=modified)
