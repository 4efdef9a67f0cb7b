"""Input of `exposure detect`: plain text, or JSON lines of {"id": ..., "text": ...}."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TextIO

from scanner import safejson
from scanner.files import without_surrogates
from scanner.models import Document, DocumentKind, Skipped

SOURCE = "input"
BINARY_PROBE_CHARS = 8192
"""A NUL byte this early means binary data (an image, an archive), which holds no text to scan."""


def _first_line_is_object(first: str) -> bool:
    stripped = first.strip()
    if not stripped.startswith("{"):
        return False
    try:
        return isinstance(safejson.loads(stripped), dict)
    except json.JSONDecodeError:
        return False


def read_detect_input(stream: TextIO, name: str) -> Iterator[Document | Skipped]:
    """JSONL when the first non-empty line is a JSON object, else the whole input as one text."""
    lines = iter(stream)
    first = ""
    for line in lines:
        if line.strip():
            first = line
            break
        first += line
    if not _first_line_is_object(first):
        text = first + "".join(lines)
        if "\x00" in text[:BINARY_PROBE_CHARS]:
            yield Skipped(name, "binary content (NUL bytes), not text")
            return
        yield Document(id=name, text=text, source=SOURCE, kind=DocumentKind.OTHER)
        return
    yield from _jsonl_document(first, 1, name)
    for number, line in enumerate(lines, 2):
        if line.strip():
            yield from _jsonl_document(line, number, name)


def _jsonl_document(line: str, number: int, name: str) -> Iterator[Document | Skipped]:
    where = f"{name}:{number}"
    try:
        record = safejson.loads(line)
    except json.JSONDecodeError as error:
        yield Skipped(where, f"not a JSON line ({error.msg})")
        return
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        yield Skipped(where, 'expected an object with a "text" string')
        return
    identifier = without_surrogates(str(record.get("id", number)))
    text = without_surrogates(record["text"])
    yield Document(id=identifier, text=text, source=SOURCE, kind=DocumentKind.OTHER)
