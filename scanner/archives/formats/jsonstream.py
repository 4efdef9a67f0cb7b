"""JSON members read without holding them whole: elements of top-level arrays, one at a time.

Exports keep their bulk in one array, either at the top (`[ {...}, ... ]`) or under one key of a
top-level object (`{"comments_v2": [ ... ]}`, `{"orderedItems": [ ... ]}`). `elements` walks the
ijson event stream and builds one element at a time, so a multi-GB member costs the memory of its
largest element. Small members (a profile) are read whole with `load_small`, under a size cap.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import ijson

from scanner import safejson
from scanner.archives.base import ArchiveTree
from scanner.archives.formats.textrepair import (
    Parsed,
    RepairedText,
    holds_replacement,
    parsed_whole,
    repaired_bytes,
)
from scanner.errors import InputError
from scanner.redact import error_line

SMALL_JSON_BYTES = 64 * 1024 * 1024
"""Members read whole (profiles, settings) must be smaller than this."""

_OPEN = {"start_map", "start_array"}
_CLOSE = {"end_map", "end_array"}


CHUNK_BYTES = 256 * 1024


def elements(stream: IO[bytes], prefixes: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    """(key, element) for every element of a top-level array ('' as key) or of an array under a top-level key.

    With `prefixes` (ijson paths such as 'messages.item') only those arrays are read, by ijson's C
    builder; a top-level array is recognised from its first byte and read the same fast way.
    Otherwise every top-level key is walked event by event and scalars under top-level keys come
    out as (key, value) too. Broken JSON, or JSON nested deeper than `safejson.MAX_DEPTH` (which
    would make ijson quadratic), raises InputError after the elements read so far; so does text
    that had to be repaired to UTF-8 (textrepair.py), after every element.
    """
    text = RepairedText(stream)
    if not prefixes and text.peek(64).lstrip()[:1] == b"[":
        prefixes = ("item",)
    guarded = safejson.DepthGuard(text)
    repaired = 0
    try:
        for key, element in _items(guarded, prefixes) if prefixes else _walk(guarded):
            if text.replaced and holds_replacement(element):
                repaired += 1
            yield key, element
    except ijson.JSONError as error:
        raise InputError(f"broken JSON (byte {text.consumed} read): {one_line(error)}") from error
    problem = text.repair_error(repaired)
    if problem is not None:
        raise problem


def _items(stream: safejson.DepthGuard, prefixes: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    keys = [prefix.removesuffix("item").removesuffix(".") for prefix in prefixes]
    if len(prefixes) == 1:
        for item in ijson.items(stream, prefixes[0], use_float=True):
            yield keys[0], item
        return
    sinks = [ijson.sendable_list() for _ in prefixes]
    coroutines = [
        ijson.items_coro(sink, prefix, use_float=True) for sink, prefix in zip(sinks, prefixes, strict=True)
    ]
    while True:
        chunk = stream.read(CHUNK_BYTES)
        for key, sink, coroutine in zip(keys, sinks, coroutines, strict=True):
            if chunk:
                coroutine.send(chunk)
            else:
                coroutine.close()
            yield from ((key, item) for item in sink)
            del sink[:]
        if not chunk:
            return


def _walk(stream: safejson.DepthGuard) -> Iterator[tuple[str, Any]]:
    depth = 0
    key = ""
    builder: ijson.ObjectBuilder | None = None
    builder_depth = 0
    for _prefix, event, value in ijson.parse(stream, use_float=True):
        if builder is not None:
            builder.event(event, value)
            if event in _OPEN:
                depth += 1
            elif event in _CLOSE:
                depth -= 1
            if depth == builder_depth:
                yield key, builder.value
                builder = None
            continue
        if event == "map_key" and depth == 1:
            key = value
            continue
        element_level = (depth == 1 and key == "") or depth == 2
        if event in _OPEN:
            if element_level or (depth == 1 and event == "start_map"):
                builder = ijson.ObjectBuilder()
                builder.event(event, value)
                builder_depth = depth
            depth += 1
        elif event in _CLOSE:
            depth -= 1
        elif depth in (1, 2):
            yield key, value


def one_line(error: BaseException) -> str:
    """An exception's first line, shortened, for a Skipped reason.

    Only the first line: yajl (ijson's parser) quotes the JSON around the error on the lines after
    it, and that text may be personal data, which must not reach the summary.
    """
    return error_line(error)


def load_small(tree: ArchiveTree, path: str) -> Parsed:
    """A small JSON member parsed whole; InputError when it is too big or not JSON.

    Its text is repaired to UTF-8 first (textrepair.py), so one bad byte costs the strings that hold
    it, not the member; the caller yields what it read, then `settle()`s, which raises the repair line.
    """
    if tree.size(path) > SMALL_JSON_BYTES:
        raise InputError(f"larger than {SMALL_JSON_BYTES // 2**20} MB; not read")
    with tree.open(path) as stream:
        data, text = repaired_bytes(stream.read())
    try:
        return parsed_whole(text, safejson.loads(data))
    except ValueError as error:
        raise InputError(f"not JSON: {one_line(error)}") from error


def sniff(tree: ArchiveTree, path: str, size: int = 4096) -> str:
    """The first bytes of a member as text, for recognising a file by its content."""
    with tree.open(path) as stream:
        return stream.read(size).decode("utf-8", errors="replace")
