"""Cutting texts into pieces spaCy accepts, and making text safe for its tokenizer; offsets kept.

spaCy refuses texts over its `max_length` and its tokenizer stalls on long punctuation runs and rejects
lone surrogates; the recognizers still read the original text, so every change here keeps lengths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SEGMENT_CHARS = 50_000
"""Longest piece of text handed to spaCy at once; longer texts are cut, preferably between paragraphs."""
OVERLAP_CHARS = 400
"""Consecutive pieces share this much text, so an entity across a cut is seen whole in one of them."""


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a long text: where it starts, and which spans found in it are its own."""

    offset: int
    text: str
    owns_from: int
    """Spans starting before this offset (in the whole text) belong to the previous piece."""
    owns_to: int


_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> str:
    """The text with lone surrogates (which JSON allows and spaCy rejects) as U+FFFD; offsets unchanged."""
    return text if text.isascii() or not _SURROGATE.search(text) else _SURROGATE.sub("\ufffd", text)


_PUNCTUATION_RUN = re.compile(r"[^\w\s]{16,}")
TOKEN_RUN_CHARS = 8
"""Longest run of punctuation spaCy's tokenizer is given whole (see `tokenizable`)."""


def _broken_run(match: re.Match[str]) -> str:
    run = match.group()
    return "".join(" " if number % TOKEN_RUN_CHARS == TOKEN_RUN_CHARS - 1 else char
                   for number, char in enumerate(run))


def tokenizable(text: str) -> str:
    """What spaCy is given: long runs of punctuation broken by spaces; same length, so offsets hold.

    spaCy's tokenizer strips affixes one character at a time and searches the rest of the token again
    each time, so a run of brackets costs time quadratic in its length (3,000 '[' took 4 s, 16,000
    minutes): a JSON nesting bomb scanned as text, or any hostile page, stalled the scan. Such runs
    hold no personal data; the recognizers still read the original text.
    """
    return _PUNCTUATION_RUN.sub(_broken_run, text) if _PUNCTUATION_RUN.search(text) else text


_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+")


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end the piece starting at `start`: a paragraph, sentence, line or word boundary."""
    low, high = start + limit // 2, start + limit
    for boundary in ("\n\n", "\n"):
        found = text.rfind(boundary, low, high)
        if found >= 0:
            return found + len(boundary)
    ends = [match.end() for match in _SENTENCE_END.finditer(text, max(low, high - 5_000), high)]
    if ends:
        return ends[-1]
    found = max(text.rfind(" ", low, high), text.rfind("\t", low, high))
    return found + 1 if found >= 0 else high


def segments(text: str, limit: int = SEGMENT_CHARS, overlap: int = OVERLAP_CHARS) -> list[Segment]:
    """Pieces covering text, each at most `limit` characters, cut at boundaries and overlapping.

    A piece after a cut starts `overlap` characters early, and owns spans from the middle of
    the overlap on: an entity across a cut is seen whole by one piece and reported once.
    """
    if len(text) <= limit:
        return [Segment(0, text, 0, len(text))]
    pieces: list[Segment] = []
    start, owns_from = 0, 0
    while True:
        if len(text) - start <= limit:
            pieces.append(Segment(start, text[start:], owns_from, len(text)))
            return pieces
        end = _cut(text, start, limit)
        next_start = max(start + 1, end - overlap)
        space = text.find(" ", next_start, end)
        next_start = space + 1 if space >= 0 else next_start
        owns_to = (next_start + end) // 2
        pieces.append(Segment(start, text[start:end], owns_from, owns_to))
        start, owns_from = next_start, owns_to
