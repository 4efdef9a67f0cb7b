"""JSON text streams made valid UTF-8 before a parser sees them, one bad byte at a time.

yajl (ijson's parser) stops at the first invalid UTF-8 byte and cannot read UTF-16 at all, so one
broken byte in a tweets.js or an outbox.json dropped the whole file, and its error quoted the text
around the byte. `RepairedText` decodes the stream (UTF-8, or UTF-16 by its byte-order mark or its
zero bytes) with every invalid sequence replaced by U+FFFD and hands over UTF-8: the record holding
the byte keeps its other characters, the rest of the file is read as it is. It remembers how many
sequences it replaced and where the first one was, for the one line that reports the repair.
"""

from __future__ import annotations

import codecs
import io
import threading
from dataclasses import dataclass
from typing import Any

from scanner.errors import InputError
from scanner.safejson import Readable

_REPAIR = "exposure-repair"
_seen = threading.local()


def _replace(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler: U+FFFD in place of the bad bytes, their offset noted for the stream."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    _seen.starts.append(error.start)
    return "\ufffd", error.end


codecs.register_error(_REPAIR, _replace)

_UTF8_BOM = codecs.BOM_UTF8


def _encoding(head: bytes) -> tuple[str, int]:
    """(codec, bytes of byte-order mark) from a stream's first bytes; JSON text starts with ASCII."""
    if head.startswith(_UTF8_BOM):
        return "utf-8", len(_UTF8_BOM)
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", 2
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", 2
    if len(head) >= 2 and head[0] and not head[1]:
        return "utf-16-le", 0
    if len(head) >= 2 and not head[0] and head[1]:
        return "utf-16-be", 0
    return "utf-8", 0


class RepairedText:
    """A binary stream of text in UTF-8 or UTF-16, read as valid UTF-8 (see the module docstring)."""

    def __init__(self, stream: Readable) -> None:
        self._stream = stream
        self._head = b""
        while len(self._head) < 4 and (data := stream.read(4 - len(self._head))):
            self._head += data
        self.codec, skip = _encoding(self._head)
        self._head = self._head[skip:]
        self._consumed = skip
        """Bytes of the stream decoded so far, from its first byte."""
        self._decoder = codecs.getincrementaldecoder(self.codec)(_REPAIR)
        self._done = False
        self._peeked = b""
        self.replaced = 0
        """Invalid byte sequences replaced by U+FFFD."""
        self.first_at: int | None = None
        """Byte offset of the first of them."""

    def peek(self, size: int) -> bytes:
        """The next bytes `read` will hand over, without consuming them."""
        while len(self._peeked) < size and (data := self._read(size)):
            self._peeked += data
        return self._peeked[:size]

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""
        if self._peeked:
            data, self._peeked = self._peeked, b""
            return data
        return self._read(size)

    def _read(self, size: int) -> bytes:
        if self._done:
            return b""
        while True:
            raw = self._head + self._stream.read(size)
            self._head = b""
            if self.codec == "utf-8" and raw.isascii() and not self._decoder.getstate()[0]:
                self._consumed += len(raw)
                if not raw:
                    self._done = True
                return raw
            text = self._decode(raw)
            if text or not raw:
                self._done = not raw
                return text.encode("utf-8")

    @property
    def consumed(self) -> int:
        """Bytes of the stream read so far: where in the file an error was met, give or take a chunk."""
        return self._consumed

    def _decode(self, raw: bytes) -> str:
        pending = len(self._decoder.getstate()[0])
        starts: list[int] = []
        _seen.starts = starts
        text: str = self._decoder.decode(raw, final=not raw)
        if starts:
            if self.first_at is None:
                self.first_at = self._consumed - pending + starts[0]
            self.replaced += len(starts)
        self._consumed += len(raw)
        return text

    def repair_error(self, records: int) -> InputError | None:
        """The line reporting a repair (kind, offset, records repaired); None when nothing was replaced."""
        if not self.replaced:
            return None
        codec = "UTF-16" if self.codec.startswith("utf-16") else "UTF-8"
        return InputError(
            f"invalid {codec} from byte {self.first_at}: {self.replaced} byte sequence(s) replaced by "
            f"U+FFFD, {records} record(s) repaired, the rest read as is"
        )


def holds_replacement(value: Any) -> bool:
    """Whether any string in a parsed JSON value holds U+FFFD (iterative: values can nest 200 deep)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\ufffd" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


@dataclass(frozen=True, slots=True)
class Parsed:
    """A member parsed whole, and the line reporting the bytes repaired in it (None when none were)."""

    value: Any
    repair: InputError | None = None

    def settle(self) -> None:
        """Raise the repair line, after the member's documents were yielded, as streamed members do."""
        if self.repair is not None:
            raise self.repair


def repaired_bytes(data: bytes) -> tuple[bytes, RepairedText]:
    """A whole member's bytes as valid UTF-8 (see `RepairedText`), and the repair's record of what it did."""
    text = RepairedText(io.BytesIO(data))
    chunks = []
    while chunk := text.read(len(data) + 4):
        chunks.append(chunk)
    return b"".join(chunks), text


def parsed_whole(text: RepairedText, value: Any) -> Parsed:
    """A value parsed from repaired text, with the repair line counting the records that hold U+FFFD:
    the elements of a top-level array, the values of a top-level object, or the value itself."""
    if not text.replaced:
        return Parsed(value)
    parts = value if isinstance(value, list) else value.values() if isinstance(value, dict) else [value]
    return Parsed(value, text.repair_error(sum(holds_replacement(part) for part in parts)))
