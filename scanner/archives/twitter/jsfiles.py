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
from scanner.errors import InputError

PREFIX_BYTES = 4096
"""The `window.YTD.<type>.partN =` assignment must end within this many bytes."""
_TRAILING_COMMA = re.compile(r'"(?:[^"\\]|\\.)*"|,(\s*[\]}])', re.DOTALL)


class _Rest:
    """The bytes after the assignment: the rest of the first chunk, then the stream."""

    def __init__(self, first: bytes, stream: IO[bytes]) -> None:
        self._first = first
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson probes with read(0) to tell bytes from text
            return b""
        if self._first:
            data, self._first = self._first, b""
            return data
        return self._stream.read(size)


def _payload_start(head: bytes) -> int:
    """Offset just after the '=' of the JavaScript assignment."""
    equals = head.find(b"=")
    if equals < 0:
        raise InputError("not a JavaScript data file (no '... =' assignment at the start)")
    return equals + 1


def _json_error(error: Exception) -> InputError:
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return InputError(f"broken JSON in data file ({first_line})")


def stream_records(stream: IO[bytes]) -> Iterator[Any]:
    """Each element of the array assigned in a `window.YTD.<type>.partN = [ ... ]` file, streamed."""
    head = stream.read(PREFIX_BYTES)
    rest = safejson.DepthGuard(_Rest(head[_payload_start(head) :], stream))
    try:
        yield from ijson.items(rest, "item", use_float=True)
    except ijson.IncompleteJSONError as error:
        if "trailing garbage" not in str(error):
            raise _json_error(error) from error
    except (ijson.JSONError, UnicodeDecodeError, ValueError, RecursionError) as error:
        raise _json_error(error) from error


def decode_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"data file is not UTF-8 (byte {error.start})") from error


def lenient_loads(text: str) -> Any:
    """JSON that may carry trailing commas (`}, ]`), as the classic exporter wrote it."""
    cleaned = _TRAILING_COMMA.sub(
        lambda match: match.group(1) if match.group(1) is not None else match.group(0), text
    )
    try:
        return safejson.loads(cleaned)
    except ValueError as error:
        raise _json_error(error) from error


def script_value(data: bytes) -> Any:
    """The value assigned in a small JavaScript data file (`var x = {...}`, `Grailbird.data.y = [...]`)."""
    text = decode_text(data)
    equals = text.find("=", 0, PREFIX_BYTES)
    if equals < 0:
        raise InputError("not a JavaScript data file (no '... =' assignment at the start)")
    return lenient_loads(text[equals + 1 :].strip().rstrip(";"))
