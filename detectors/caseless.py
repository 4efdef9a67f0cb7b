"""Case-insensitive gate regexes searched as case-sensitive ones in the lower-cased text, where that is the
same question.

`re` finds a case-sensitive regex fast: it knows the characters a match can start with (the 'b' and 'd'
of `born|birth|d\\.?o\\.?b`) and skips the rest of the text in C. Made case-insensitive, the same regex is
tried at every position, each character folded, about three times the work on a tweet, and most
recognizers' gates are case-insensitive and asked about every text.

For ASCII text and a regex whose letters are all lower case, matching the lower-cased text
case-sensitively finds a match exactly where the regex finds one in the text case-insensitively:
lower-casing ASCII keeps every position, and a lower-case letter matches itself in the lower-cased text
where it matched either case before. The few characters outside ASCII that fold onto ASCII letters (the
Kelvin sign, the long s, the dotless i) occur only in non-ASCII text, which goes to the regex as it is,
as does every regex with a capital letter, a case-sensitive part or a back-reference (read with `re`'s
own parser, so an escape such as `\\u212a` is seen as the character it stands for).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from detectors.internals import Regex, parse_regex, sre


class CaselessGate:
    """Answers whether a case-insensitive regex matches a text (the match returned is in the lower-cased
    text when the text is ASCII)."""

    __slots__ = ("lowered", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.lowered = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE) \
            if pattern.flags & re.IGNORECASE and lower_case_only(pattern) else None
        """The regex without IGNORECASE, when it answers the same on lower-cased ASCII text."""

    def search(self, text: str) -> re.Match[str] | None:
        if self.lowered is not None:
            low = lowered_ascii(text)
            if low is not None:
                return self.lowered.search(low)
        return self.pattern.search(text)


@lru_cache(maxsize=1)
def lowered_ascii(text: str) -> str | None:
    """The text lower-cased if it is ASCII, else None. Remembered for the last text: every gate asks."""
    return text.lower() if text.isascii() else None


def lower_case_only(pattern: Regex) -> bool:
    """Whether every character the regex names is a lower-case letter or has no case, no part of it is
    case-sensitive, and it refers back to no group."""
    items, flags = parse_regex(pattern)
    return not flags & re.LOCALE and _items_lower(items)


def _items_lower(items: list[tuple[Any, Any]]) -> bool:
    return all(_item_lower(op, value) for op, value in items)


def _item_lower(op: Any, value: Any) -> bool:
    if op in (sre.LITERAL, sre.NOT_LITERAL):
        return _lower_char(chr(value))
    if op is sre.RANGE:
        return value[1] < 128 and all(_lower_char(chr(code)) for code in range(value[0], value[1] + 1))
    if op is sre.IN:
        return all(_item_lower(member, argument) for member, argument in value)
    if op is sre.SUBPATTERN:
        _group, add, remove, body = value
        return not remove & re.IGNORECASE and not add & re.LOCALE and _items_lower(list(body))
    if op is sre.BRANCH:
        return all(_items_lower(list(branch)) for branch in value[1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)):
        return _items_lower(list(value[2]))
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return _items_lower(list(value[1]))
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _items_lower(list(value))
    return op in (sre.CATEGORY, sre.AT, sre.ANY, sre.NEGATE)


def _lower_char(char: str) -> bool:
    """A character lower-casing leaves alone, which no capital of another script folds onto."""
    return char == char.lower() and (char.isascii() or char == char.upper())
