"""JSON from untrusted input, parsed with its nesting bounded.

CPython's json recurses once per nesting level: a few hundred kilobytes of '[' raise RecursionError,
which is not the ValueError every caller handles, so one hostile file, page or API answer ended a
scan with a traceback. A value nested a few hundred deep still parses, then breaks the recursive
walkers downstream. Every whole-document parse of an export member, input file, input line or API
answer goes through `loads`, which reports both as the JSONDecodeError callers already expect.
Streamed members (ijson, in archives/formats/jsonstream.py and archives/twitter/jsfiles.py) are read
through `DepthGuard`, which stops at the same depth before the parser goes quadratic.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Protocol

from scanner.errors import InputError

MAX_DEPTH = 200
"""Deepest nesting accepted; real exports and API answers stay under 20."""


def _depth_over(value: Any, limit: int) -> bool:
    """Whether containers nest deeper than `limit` (iterative: the check must not recurse either)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children: Iterable[Any]
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def loads(data: str | bytes | bytearray, max_depth: int = MAX_DEPTH) -> Any:
    """json.loads, but nesting deeper than `max_depth` is a JSONDecodeError, never a RecursionError."""
    too_deep = json.JSONDecodeError(f"nested more than {max_depth} levels deep", "", 0)
    try:
        value = json.loads(data)
    except RecursionError:
        raise too_deep from None
    if isinstance(data, str):
        opening = data.count("[") + data.count("{")
    else:
        opening = data.count(b"[") + data.count(b"{")
    if opening > max_depth and _depth_over(value, max_depth):
        raise too_deep
    return value


_NOT_STRUCTURE = bytes(byte for byte in range(256) if byte not in b'"[]{}')
_NOT_STRUCTURE_OR_ESCAPE = bytes(byte for byte in range(256) if byte not in b'"[]{}\\/bfnrtu')
"""Kept with the structure: the backslash and every character JSON allows after one, so each escape
stays a pair once the text around it is gone."""
_ESCAPED = b"\\/bfnrtu"
_SLICE = 128
"""Brackets looked at together: a slice that cannot reach the limit is counted, not walked."""


class Readable(Protocol):
    """What DepthGuard reads from: a binary stream, or anything with its read()."""

    def read(self, size: int = -1, /) -> bytes: ...


class DepthGuard:
    """A binary stream whose JSON nesting is checked as it is read: past `max_depth`, InputError.

    ijson builds each event's path from every level above it, so a few hundred kilobytes of '['
    cost it minutes. The guard sees every chunk before the parser does and keeps to bytes methods
    that run in C: everything but quotes, brackets and escapes is deleted, escaped backslashes and
    quotes are dropped, the brackets inside strings (text, not structure) are cut out between the
    quotes, and the rest is counted; only a stretch deep enough to matter is walked bracket by
    bracket. A chunk that goes too deep is handed over up to that point, so the elements completed
    before it are still read, and the next read raises. It follows valid JSON exactly; on invalid
    JSON the parser stops at the error first.
    """

    def __init__(self, stream: Readable, max_depth: int = MAX_DEPTH) -> None:
        self._stream = stream
        self._max_depth = max_depth
        self._depth = 0
        self._in_string = False
        self._backslash = b""
        """An unpaired backslash at the end of the last chunk: it escapes the next chunk's first byte."""
        self._refused = False

    def read(self, size: int = -1) -> bytes:
        if self._refused:
            raise self._too_deep()
        data = self._stream.read(size)
        start = (self._depth, self._in_string, bool(self._backslash))
        if data and not self._check(data):
            self._refused = True
            cut = self._too_deep_at(data, *start)
            if cut == 0:
                raise self._too_deep()
            return data[:cut]
        return data

    def _too_deep(self) -> InputError:
        return InputError(f"JSON nested deeper than {self._max_depth} levels; not read further")

    def _check(self, data: bytes) -> bool:
        """Follows the chunk; False when it goes deeper than the limit."""
        text = self._backslash + data if self._backslash else data
        body = text.rstrip(b"\\")
        self._backslash = b"\\" * ((len(text) - len(body)) % 2)
        if b"\\" in body:
            kept = body.translate(None, _NOT_STRUCTURE_OR_ESCAPE)
            marks = kept.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, _ESCAPED)
        else:
            marks = body.translate(None, _NOT_STRUCTURE)
        if self._in_string:
            marks = b'"' + marks
        if b'"' in marks:
            # Removing two adjacent quotes keeps which stretches are inside strings: most strings hold
            # no bracket and vanish here, so the split below has little left to cut.
            parts = marks.replace(b'""', b"").split(b'"')
            self._in_string = len(parts) % 2 == 0
            marks = b"".join(parts[0::2])
        else:
            self._in_string = False
        return self._count(marks)

    def _count(self, brackets: bytes) -> bool:
        for offset in range(0, len(brackets), _SLICE):
            piece = brackets[offset : offset + _SLICE]
            opening = piece.count(b"[") + piece.count(b"{")
            if self._depth + opening <= self._max_depth:
                self._depth = max(self._depth + 2 * opening - len(piece), 0)
                continue
            for byte in piece:
                self._depth = self._depth + 1 if byte in b"[{" else max(self._depth - 1, 0)
                if self._depth > self._max_depth:
                    return False
        return True

    def _too_deep_at(self, data: bytes, depth: int, in_string: bool, escaped: bool) -> int:
        """Offset of the bracket that goes too deep, walking the chunk byte by byte (once per stream)."""
        for index, byte in enumerate(data):
            if in_string:
                escaped, in_string = (False, True) if escaped else (byte == 0x5C, byte != 0x22)
            elif byte == 0x22:
                in_string = True
            elif byte in b"[{":
                depth += 1
                if depth > self._max_depth:
                    return index
            elif byte in b"]}":
                depth = max(depth - 1, 0)
        return 0
