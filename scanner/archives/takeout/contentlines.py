"""Content lines of vCard (.vcf) and iCalendar (.ics) files, streamed: unfolded, split, unescaped.

Both formats fold long lines by starting the continuation with a space or tab; old vCard 2.1 cards
instead end a quoted-printable value with '=' and go on at the start of the next line. A property is
`[group.]NAME[;PARAM=VALUE...]:value`, with ':' allowed inside quoted parameter values. Text values
escape newlines, commas, semicolons and backslashes; structured values (N, ADR) separate their
components with unescaped ';'. Physical and logical lines are bounded (a contact's PHOTO runs to
megabytes of base64): what lies beyond MAX_LOGICAL_BYTES is dropped, never held.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

MAX_LINE_BYTES = 1024 * 1024
MAX_LOGICAL_BYTES = 256 * 1024
MAX_BLOCK_BYTES = 4 * 1024 * 1024
"""Properties of one card or event kept up to this many bytes; the rest of the block is dropped."""
_QUOTED_PRINTABLE = b"QUOTED-PRINTABLE"
_ESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":"}
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ESCAPE_OR_SEPARATOR = re.compile(r"\\.|;", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Property:
    """One content line: upper-case name (group dropped), parameters (upper-case keys), raw value."""

    name: str
    value: str
    params: dict[str, list[str]] = field(default_factory=dict)

    def param(self, key: str) -> str:
        return ",".join(self.params.get(key, []))


def _is_quoted_printable(line: bytes | bytearray) -> bool:
    head = line.split(b":", 1)[0]
    return _QUOTED_PRINTABLE in head.upper()


def unfold(stream: IO[bytes]) -> Iterator[bytes]:
    """Logical lines of a vCard or iCalendar stream, continuations joined, each at most MAX_LOGICAL_BYTES."""
    current: bytearray | None = None
    first, quoted = True, False
    while raw := stream.readline(MAX_LINE_BYTES):
        line = raw.rstrip(b"\r\n")
        if first:
            line, first = line.removeprefix(b"\xef\xbb\xbf"), False
        if current is not None and line[:1] in (b" ", b"\t"):
            current += line[1 : 1 + max(0, MAX_LOGICAL_BYTES - len(current))]
            continue
        if current is not None and quoted and current.endswith(b"="):
            del current[-1:]
            current += line[: max(0, MAX_LOGICAL_BYTES - len(current))]
            continue
        if current is not None:
            yield bytes(current)
        current = bytearray(line[:MAX_LOGICAL_BYTES])
        quoted = _is_quoted_printable(line)
    if current is not None:
        yield bytes(current)


def _split_outside_quotes(text: str, separator: str, limit: int = -1) -> list[str]:
    parts: list[str] = []
    start, quoted = 0, False
    for match in re.finditer(f'"|{re.escape(separator)}', text):
        if match.group() == '"':
            quoted = not quoted
        elif not quoted:
            parts.append(text[start : match.start()])
            start = match.end()
            if len(parts) == limit:
                break
    parts.append(text[start:])
    return parts


def parse_line(line: bytes) -> Property | None:
    """A logical line as a Property; None when it has no ':' or no name."""
    text = line.decode("utf-8", errors="replace")
    head_value = _split_outside_quotes(text, ":", limit=1)
    if len(head_value) != 2:
        return None
    head, value = head_value
    pieces = _split_outside_quotes(head, ";")
    name = pieces[0].rsplit(".", 1)[-1].strip().upper()
    if not name:
        return None
    params: dict[str, list[str]] = {}
    for piece in pieces[1:]:
        key, equals, raw = piece.partition("=")
        if not equals:
            key, raw = "TYPE", key  # vCard 2.1 bare parameters: 'TEL;HOME;VOICE:'
            if key.upper() in ("QUOTED-PRINTABLE", "BASE64", "8BIT"):
                key = "ENCODING"
        values = [v.strip().strip('"') for v in _split_outside_quotes(raw, ",")]
        params.setdefault(key.strip().upper(), []).extend(values)
    prop = Property(name, value, params)
    if prop.param("ENCODING").upper() == "QUOTED-PRINTABLE":
        prop = Property(name, _decode_quoted_printable(value, prop.param("CHARSET")), params)
    return prop


def _decode_quoted_printable(value: str, charset: str) -> str:
    data = quopri.decodestring(value.encode("utf-8", errors="replace"))
    try:
        return data.decode(charset or "utf-8", errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def unescape(value: str) -> str:
    """A text value with its backslash escapes undone."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(lambda match: _ESCAPES.get(match.group(1), match.group()), value)


def components(value: str) -> list[str]:
    """The parts of a structured value split on unescaped ';', each unescaped."""
    parts: list[str] = []
    start = 0
    for match in _ESCAPE_OR_SEPARATOR.finditer(value):
        if match.group() == ";":
            parts.append(value[start : match.start()])
            start = match.end()
    parts.append(value[start:])
    return [unescape(part).strip() for part in parts]


def blocks(stream: IO[bytes], kind: str) -> Iterator[list[Property]]:
    """The properties of every BEGIN:<kind> ... END:<kind> block (nested blocks' lines left out)."""
    inside: list[Property] | None = None
    depth = size = 0
    for line in unfold(stream):
        prop = parse_line(line)
        if prop is None:
            continue
        marker = prop.value.strip().upper()
        if prop.name == "BEGIN":
            if marker == kind:
                inside, depth, size = [], 0, 0
            elif inside is not None:
                depth += 1
            continue
        if prop.name == "END":
            if marker == kind and inside is not None:
                yield inside
                inside = None
            elif inside is not None:
                depth = max(0, depth - 1)
            continue
        if inside is not None and depth == 0 and size + len(line) <= MAX_BLOCK_BYTES:
            inside.append(prop)
            size += len(line)
