"""The one way a personal value leaves memory: masked, or as a keyed hash.

Everything that prints, logs or stores a finding goes through here, so there is a single place to
audit. A masked preview keeps just enough to recognise the value ('j***@example.com', 'A*** B***');
the keyed hash lets the store recognise the same value across scans without keeping it.
"""

from __future__ import annotations

import bisect
import hashlib
import hmac
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

SNIPPET_RADIUS = 40
"""Characters of context kept on each side of a finding in its snippet."""

_PHONE_DIGITS = re.compile(r"\D+")
_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")


def normalise(value: str, entity: str) -> str:
    """The canonical form of a value, so spelling variants of one value hash alike."""
    text = unicodedata.normalize("NFKC", value).strip()
    if entity == "PHONE_NUMBER":
        digits = _PHONE_DIGITS.sub("", text)
        return digits[-10:] if len(digits) > 10 else digits
    if entity in {"CREDIT_CARD", "IBAN_CODE", "US_SSN", "US_BANK_NUMBER"}:
        return re.sub(r"[\s\-.]", "", text).upper()
    if entity == "USERNAME":
        return text.lstrip("@").removeprefix("u/").removeprefix("/u/").casefold()
    if entity == "EMAIL_ADDRESS":
        return text.casefold()
    return _SPACES.sub(" ", text).casefold()


def keyed_hash(value: str, entity: str, key: bytes) -> str:
    """HMAC-SHA256 of the normalised value: stable across scans, useless without the key."""
    message = f"{entity}\x00{normalise(value, entity)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _mask_word(word: str) -> str:
    if len(word) <= 1:
        return "*"
    return word[0] + "*" * min(len(word) - 1, 6)


@lru_cache(maxsize=4096)
def mask(value: str, entity: str) -> str:
    """A preview that shows the shape of a value but not the value. Remembered for recent values: every
    snippet of a text masks all the values near it again, so a text with k findings asks k times each."""
    text = _SPACES.sub(" ", value.strip())
    if not text:
        return ""
    if entity == "EMAIL_ADDRESS" and "@" in text:
        local, _, domain = text.rpartition("@")
        return f"{_mask_word(local)}@{domain}"
    if entity == "URL":
        match = re.match(r"(?i)^((?:https?://)?[^/\s]+)(.*)$", text)
        if match and match.group(2):
            return match.group(1) + "/" + "*" * min(len(match.group(2)) - 1, 8)
        return text
    digits = sum(ch.isdigit() for ch in text)
    if digits >= max(4, len(text) // 2):
        keep = 2 if digits >= 8 else 0
        out, seen = [], 0
        for ch in text:
            if ch.isdigit():
                seen += 1
                out.append(ch if seen > digits - keep else "•")
            else:
                out.append(ch)
        return "".join(out)
    return " ".join(_mask_word(word) for word in text.split(" "))


_WORD = re.compile(r"\w[\w\-]*")
REASON_WORD_MIN = 4
"""Words of a value at least this long are masked in the quoted part of a reason on their own too."""


def redact_reason(reason: str, value: str, entity: str) -> str:
    """A detector's explanation with the finding's own value masked wherever it is quoted.

    Recognizers explain a hit by quoting what they matched ("condition lexicon 'type 1 diabetes'",
    "sexual orientation 'bi'"), which is the value itself; a reason is stored and printed, so it must
    not undo the mask. The whole value is masked anywhere (any case, any spacing); after the first
    quote, where recognizers put document text, so is each longer word of it, because merged hits
    can quote only part of the value ('diabetes' for 'type 1 diabetes').
    """
    words = value.split()
    if not words or len(value.strip()) < 2:
        return reason
    pieces = [piece.casefold() for piece in _WORD.findall(value)]
    folded = reason.casefold()
    if pieces and not any(piece in folded for piece in pieces):
        return reason
    whole = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)
    reason = whole.sub(lambda match: mask(match.group(), entity), reason)
    parts = {part.casefold() for part in _WORD.findall(value) if len(part) >= REASON_WORD_MIN}
    quote = reason.find("'")
    if not parts or quote < 0:
        return reason
    tail = _WORD.sub(lambda match: mask(match.group(), entity) if match.group().casefold() in parts
                     else match.group(), reason[quote:])
    return reason[:quote] + tail


_QUOTED = re.compile(r"""(?<!\w)(?:b|rb|br)?(['"]).*?\1(?!\w)""")
ERROR_LINE_CHARS = 160


def error_line(error: BaseException) -> str:
    """An exception's message made fit for a skip reason or an error line: what went wrong, not the input.

    Parsers quote the input they choke on: yajl the JSON around the error on the lines after the
    first, int() the literal ("invalid literal for int() with base 10: '14th'"), h11 the bytes of
    a bad status line. That input may be personal data, so only the first line is kept and every
    quoted literal in it becomes '…'.
    """
    message = error.args[0] if len(error.args) == 1 else None
    if isinstance(message, bytes | bytearray):  # yajl's message is bytes: str() made it one quoted line
        message = bytes(message).decode("utf-8", errors="replace")
    lines = (message if isinstance(message, str) else str(error)).strip().splitlines()
    if not lines:
        return type(error).__name__
    text = _QUOTED.sub("'…'", " ".join(lines[0].split()))
    return text[:ERROR_LINE_CHARS]


def union(spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping (start, end, entity) spans merged into one, sorted: one sweep, linear after the sort.

    Masking overlapping spans one after the other masked the second from where the first ended,
    which showed that inner character as the 'first letter' of its mask. A merged span takes the
    entity of its longest part, whose mask shape fits it best.
    """
    merged: list[tuple[int, int, str]] = []
    longest = 0
    for start, end, entity in sorted(spans):
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            first, last, kept = merged[-1]
            if end - start > longest:
                kept, longest = entity, end - start
            merged[-1] = (first, max(last, end), kept)
        else:
            merged.append((start, end, entity))
            longest = end - start
    return merged


def redact_text(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """The text with the union of the (start, end, entity) spans replaced by masked forms."""
    pieces: list[str] = []
    cursor = 0
    for start, end, entity in union(spans):
        pieces.append(text[cursor:start])
        pieces.append(f"[{mask(text[start:end], entity)}]")
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


_TIMESTAMP = (r"\d{4}-?(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3])(?::?[0-5]\d){0,2}"
              r"(?:[.,]\d+)?(?:Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?(?![\w-])")
"""An ISO 8601 date and time ('2024-03-05T10:22', '20240305T102233'): a word with digits and a letter
that is plainly a moment, not a reference, so the identifier mask leaves it readable."""
_IDENTIFIER = re.compile(rf"(?<![\w\[*•-])(?!{_TIMESTAMP})(?=(?:[\w-]*\d){{4}})(?=[\w-]*[A-Za-z])"
                         r"\w[\w-]{4,}\w(?![\w\]*•-])|"
                         r"(?<![\w\[*•-])\d{7,}(?![\w\]*•-])")
"""A word with four digits and a letter, or seven digits in a row: a customer number, a case or account
reference. No recognizer knows these, so they sit unmasked beside a value; a snippet masks them too."""


class Masks:
    """The union of a text's detected spans, built once: each finding's snippet finds its own in log time."""

    def __init__(self, spans: Iterable[tuple[int, int, str]]) -> None:
        self.spans = union(spans)
        self._ends = [end for _, end, _ in self.spans]

    def within(self, left: int, right: int) -> list[tuple[int, int, str]]:
        """The merged spans that reach into text[left:right]."""
        first = index = bisect.bisect_right(self._ends, left)
        while index < len(self.spans) and self.spans[index][0] < right:
            index += 1
        return self.spans[first:index]


def snippet(text: str, start: int, end: int, spans: Masks | Iterable[tuple[int, int, str]]) -> str:
    """A window of context around text[start:end] with every personal value in it masked.

    A value the window would cut through widens the window to hold it whole: masking only the part
    inside showed an inner character of the value as the first letter of its mask.
    """
    masks = spans if isinstance(spans, Masks) else Masks(spans)
    left = max(0, start - SNIPPET_RADIUS)
    right = min(len(text), end + SNIPPET_RADIUS)
    inside = masks.within(left, right)
    if inside:
        left, right = min(left, inside[0][0]), max(right, inside[-1][1])
    window = redact_text(text[left:right], [(s - left, e - left, entity) for s, e, entity in inside])
    if _DIGIT.search(window):  # every identifier holds digits; most windows have none
        window = _IDENTIFIER.sub(lambda match: f"[{_mask_word(match.group())}]", window)
    window = _SPACES.sub(" ", window).strip()
    return ("…" if left > 0 else "") + window + ("…" if right < len(text) else "")
