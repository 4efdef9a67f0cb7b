"""Whole-word gates: an exact necessary condition for regexes of a few words bounded on both sides.

A gate such as `(?<![\\w])(?:daughters?|sons?|wife|...)(?![\\w])` is searched by `re` branch by branch at
every position of a text, tens of microseconds per tweet; its word starts (`detectors.wordstarts`) let
through every text with a word beginning "son" or "kid" (song, kidding), most of which match nothing.
Such a regex matches only where a whole word of the text is one of a finite set: the first word of each
way of matching, read once with `re`'s own parser (case folds tried on every ASCII character, as
`wordstarts` does). Each text is read once into its lower-cased words (remembered for the last text,
so every gate shares it). A text with none of a regex's first words cannot match it.

Exact for ASCII text; non-ASCII texts, and regexes whose words cannot be listed (unbounded repeats,
more than `MAX_STRINGS` ways of matching) or are not bounded by look-arounds excluding letters and
digits, always go on to the regex.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from detectors.internals import Regex, compile_items, parse_regex, sre

MAX_STRINGS = 4096
"""Most ways of matching listed before a regex is taken as unlistable."""
MAX_REPEATS = 3
"""Longest repeat listed (`s?`, `\\d{1,2}`); a longer one (`\\s+`) only ends the listing where one
repetition completes every first word."""

_ASCII = [chr(code) for code in range(128)]
_LETTERS_DIGITS = frozenset(char for char in _ASCII if char.isalnum())
_WITH_UNDERSCORE = _LETTERS_DIGITS | {"_"}
_TOKEN = {False: re.compile(r"[a-z0-9]+"), True: re.compile(r"[a-z0-9_]+")}
_SINGLE = (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))


class WholeWords:
    """The lower-cased words one of which every match of a regex is (its first word), and whether an
    underscore is part of a word for it (`(?<![\\w])` excludes it, `(?<![^\\W_])` does not)."""

    __slots__ = ("underscore", "words")

    def __init__(self, words: frozenset[str], underscore: bool) -> None:
        self.words = words
        self.underscore = underscore

    def may_match(self, text: str) -> bool:
        """False only if `text` is ASCII and none of its whole words is one of `words`."""
        seen = text_tokens(text, self.underscore)
        return seen is None or not seen.isdisjoint(self.words)


@lru_cache(maxsize=2)
def text_tokens(text: str, underscore: bool) -> frozenset[str] | None:
    """The text's lower-cased words (runs of letters and digits, and underscores if `underscore`);
    None for non-ASCII text. Remembered for the last text."""
    if not text.isascii():
        return None
    return frozenset(_TOKEN[underscore].findall(text.lower()))


def whole_words(pattern: Regex) -> WholeWords | None:
    """The first words of every match of `pattern`, when it is a look-behind excluding letters and digits,
    a finite set of strings each starting with a letter or digit, and a look-ahead excluding at least
    what the look-behind does; None otherwise."""
    items, flags = parse_regex(pattern)
    if len(items) < 3:
        return None
    before, after = _excluded(items[0], flags, -1), _excluded(items[-1], flags, 1)
    if before is None or after is None or not before >= _LETTERS_DIGITS:
        return None
    underscore = "_" in before and "_" in after
    if not after >= (_WITH_UNDERSCORE if underscore else _LETTERS_DIGITS):
        return None
    token = _TOKEN[underscore]
    strings = _strings(items[1:-1], flags, token)
    if strings is None:
        return None
    words = set()
    for string in strings:
        first = token.match(string)
        if first is None:
            return None
        words.add(first.group())
    return WholeWords(frozenset(words), underscore)


def _excluded(item: tuple[Any, Any], flags: int, direction: int) -> set[str] | None:
    """The ASCII characters a one-character negative look-behind (-1) or look-ahead (1) excludes."""
    op, value = item
    if op is not sre.ASSERT_NOT or value[0] != direction:
        return None
    inner = list(value[1])
    if len(inner) != 1 or inner[0][0] not in _SINGLE:
        return None
    return _matching(inner[0], flags, lower=False)


def _matching(item: tuple[Any, Any], flags: int, lower: bool = True) -> set[str]:
    """The ASCII characters one single-character regex item matches (lower-cased if `lower`)."""
    key = (repr(item), flags, lower)
    if key not in _MATCHING:
        compiled = compile_items([item], flags)
        matched = (char for char in _ASCII if compiled.fullmatch(char))
        _MATCHING[key] = frozenset(char.lower() if lower else char for char in matched)
    return set(_MATCHING[key])


_MATCHING: dict[tuple[str, int, bool], frozenset[str]] = {}
"""Each distinct item is tried on the ASCII characters once: a word list repeats the same letters."""


def _strings(items: list[tuple[Any, Any]], flags: int, token: re.Pattern[str]) -> set[str] | None:
    """The lower-cased ASCII strings the items match in turn, each cut short once its first word is
    complete (what follows cannot change that word), or None if they cannot be listed."""
    found = {""}
    for op, value in items:
        if all(_first_word_complete(string, token) for string in found):
            return found
        if op in _SINGLE:
            tails: set[str] | None = _matching((op, value), flags)
        elif op is sre.SUBPATTERN:
            _group, add, remove, body = value
            tails = _strings(list(body), (flags | add) & ~remove, token)
        elif op is sre.BRANCH:
            tails = _branches(value[1], flags, token)
        elif op in _REPEATS and value[1] > MAX_REPEATS:
            return _cut_at_repeat(found, value, flags, token)
        elif op in _REPEATS:
            tails = _repeated(value, flags, token)
        else:
            return None
        if tails is None or len(found) * len(tails) > MAX_STRINGS:
            return None
        found = {head + tail for head in found for tail in tails}
    return found


def _cut_at_repeat(found: set[str], value: Any, flags: int, token: re.Pattern[str]) -> set[str] | None:
    """The strings followed by one repetition of a long repeat, if that completes every first word."""
    low, _high, body = value
    once = _strings(list(body), flags, token) if low >= 1 else None
    if once is None or len(found) * len(once) > MAX_STRINGS:
        return None
    cut = {head + tail for head in found for tail in once}
    return cut if all(_first_word_complete(string, token) for string in cut) else None


def _first_word_complete(string: str, token: re.Pattern[str]) -> bool:
    first = token.match(string)
    return first is not None and first.end() < len(string)


def _branches(branches: list[Any], flags: int, token: re.Pattern[str]) -> set[str] | None:
    found: set[str] = set()
    for branch in branches:
        strings = _strings(list(branch), flags, token)
        if strings is None:
            return None
        found |= strings
    return found


def _repeated(value: Any, flags: int, token: re.Pattern[str]) -> set[str] | None:
    low, high, body = value
    once = _strings(list(body), flags, token)
    if once is None:
        return None
    found: set[str] = {""} if low == 0 else set()
    current = {""}
    for count in range(1, high + 1):
        current = {head + tail for head in current for tail in once}
        if count >= low:
            found |= current
    return found
