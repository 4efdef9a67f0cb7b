"""JSON wrapped in JavaScript, as X/Twitter archives ship it: `window.YTD.tweets.part0 = [ ... ]`.

Modern (2019+) data files are streamed: the `... =` prefix is skipped and the array's elements are
built one at a time by ijson, so a multi-GB tweets.js costs the memory of one tweet. Small files
(manifest.js, the classic 'Grailbird' monthly files `Grailbird.data.tweets_2013_11 = [ ... ]`) are
parsed whole by a lenient reader that accepts the trailing commas the old exporter wrote. Nesting is
bounded on both paths (`safejson`). Anything malformed raises InputError and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

import ijson

from scanner import safejson
from scanner.archives.formats.textrepair import (
    Parsed,
    RepairedText,
    holds_replacement,
    parsed_whole,
    repaired_bytes,
)
from scanner.errors import InputError
from scanner.redact import error_line

PREFIX_BYTES = 4096
"""The `window.YTD.<type>.partN =` assignment must end within this many bytes."""
_TRAILING_COMMA = re.compile(r'"(?:[^"\\]|\\.)*"|,(\s*[\]}])', re.DOTALL)


class _Rest:
    """The bytes after the assignment: the rest of the first chunk, then the stream."""

    def __init__(self, first: bytes, stream: safejson.Readable) -> None:
        self._first = first
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson probes with read(0) to tell bytes from text
            return b""
        if self._first:
            data, self._first = self._first, b""
            return data
        return self._stream.read(size)


_NEXT_PART = re.compile(rb"(?<=[\n\]])[ \t\r]*window\.YTD\.[\w.-]+[ \t]*=")
"""Where a part concatenated to the one before begins: a raw line break cannot be inside a JSON string."""
_HOLD = 256
"""Bytes kept back at the end of a read, in case the next part's assignment begins there."""
_END = re.compile(rb"[\s;]*\Z")


class _Parts:
    """A data file cut where a concatenated part's `window.YTD.<type>.partN =` assignment begins."""

    def __init__(self, stream: safejson.Readable) -> None:
        self._stream = stream
        self._buffer = b""
        self._eof = False
        self._part_over = False

    def next_part(self) -> bool:
        """Move on to the next part; False when the file is over."""
        self._part_over = False
        if not self._buffer and not self._eof:
            self._fill(PREFIX_BYTES)
        return bool(self._buffer.strip())

    def _fill(self, size: int) -> None:
        while not self._eof and len(self._buffer) < size + _HOLD:
            data = self._stream.read(max(size, PREFIX_BYTES))
            self._eof = not data
            self._buffer += data

    def read(self, size: int = -1) -> bytes:
        """Up to the end of the current part (its closing `;` and spaces left out)."""
        if size == 0 or self._part_over:
            return b""
        self._fill(size if size > 0 else PREFIX_BYTES)
        boundary = _NEXT_PART.search(self._buffer)
        if boundary is not None or self._eof:
            cut = boundary.start() if boundary is not None else len(self._buffer)
            piece, self._buffer = self._buffer[:cut], self._buffer[cut:]
            self._part_over = True
            return piece[: _END.search(piece).start()]  # type: ignore[union-attr]
        piece, self._buffer = self._buffer[:-_HOLD], self._buffer[-_HOLD:]
        return piece


def _payload_start(head: bytes) -> int:
    """Offset just after the '=' of the JavaScript assignment."""
    equals = head.find(b"=")
    if equals < 0:
        raise InputError("not a JavaScript data file (no '... =' assignment at the start)")
    return equals + 1


def _json_error(error: Exception, where: str = "") -> InputError:
    return InputError(f"broken JSON in data file{where} ({error_line(error)})")


def stream_records(stream: IO[bytes]) -> Iterator[Any]:
    """Each element of the arrays assigned in a `window.YTD.<type>.partN = [ ... ]` file, streamed.

    Every part of a file that holds several concatenated is read. The text is repaired to UTF-8 first
    (textrepair.py); a file that needed it ends with an InputError counting the repaired records, after
    they were all yielded. Anything but whitespace or a `;` after an array is an InputError too.
    """
    text = RepairedText(stream)
    parts = _Parts(text)
    number, repaired = 0, 0
    while parts.next_part():
        head = parts.read(PREFIX_BYTES)
        start = _payload_start(head)
        payload = head[start:].lstrip()
        if not payload.startswith(b"["):
            raise InputError(f"part {number} of the data file holds no array after its '=' "
                             f"(byte {text.consumed} read)")
        records = ijson.items(safejson.DepthGuard(_Rest(payload, parts)), "item", use_float=True)
        try:
            for record in records:
                if text.replaced and holds_replacement(record):
                    repaired += 1
                yield record
        except ijson.IncompleteJSONError as error:
            if "trailing garbage" in str(error):
                raise InputError(f"unexpected text after the array of part {number} of the data file "
                                 f"(byte {text.consumed} read)") from error
            raise _json_error(error, f" part {number}, byte {text.consumed} read") from error
        except (ijson.JSONError, ValueError, RecursionError) as error:
            raise _json_error(error, f" part {number}, byte {text.consumed} read") from error
        number += 1
    if number == 0:
        raise InputError("not a JavaScript data file (empty)")
    problem = text.repair_error(repaired)
    if problem is not None:
        raise problem


def lenient_loads(text: str) -> Any:
    """JSON that may carry trailing commas (`}, ]`), as the classic exporter wrote it."""
    cleaned = _TRAILING_COMMA.sub(
        lambda match: match.group(1) if match.group(1) is not None else match.group(0), text
    )
    try:
        return safejson.loads(cleaned)
    except ValueError as error:
        raise _json_error(error) from error


def script_value(data: bytes) -> Parsed:
    """The value assigned in a small JavaScript data file (`var x = {...}`, `Grailbird.data.y = [...]`).

    The text is repaired to UTF-8 first (textrepair.py), so a bad byte costs the strings holding it;
    the caller reads the value, then reports `repair` (the records repaired) if there is one.
    """
    utf8, repair = repaired_bytes(data)
    text = utf8.decode("utf-8")
    equals = text.find("=", 0, PREFIX_BYTES)
    if equals < 0:
        raise InputError("not a JavaScript data file (no '... =' assignment at the start)")
    return parsed_whole(repair, lenient_loads(text[equals + 1 :].strip().rstrip(";")))
