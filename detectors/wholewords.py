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

from detectors.internals import Regex, parse_regex, sre
from detectors.wordstarts import matching_chars

MAX_WORDS = 100_000
"""Most words listed before a regex is taken as unlistable."""
MAX_REPEATS = 3
"""Longest repeat followed repetition by repetition (`s?`, `\\d{1,2}`); see `_repeat` for longer ones."""

_ASCII = [chr(code) for code in range(128)]
_LETTERS_DIGITS = frozenset(char for char in _ASCII if char.isalnum())
_WITH_UNDERSCORE = _LETTERS_DIGITS | {"_"}
_TOKEN = {False: re.compile(r"[a-z0-9]+"), True: re.compile(r"[a-z0-9_]+")}
"""A word of the text, for regexes whose look-arounds let an underscore continue a word (True) or not."""
_SINGLE = (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
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
    done: set[str] = set()
    try:
        ending = _walk(items[1:-1], {""}, flags, token, done)
    except _Unlistable:
        return None
    if "" in ending:
        return None
    return WholeWords(frozenset(done | ending), underscore)


def _excluded(item: tuple[Any, Any], flags: int, direction: int) -> set[str] | None:
    """The ASCII characters a one-character negative look-behind (-1) or look-ahead (1) excludes."""
    op, value = item
    if op is not sre.ASSERT_NOT or value[0] != direction:
        return None
    inner = list(value[1])
    if len(inner) != 1 or inner[0][0] not in _SINGLE:
        return None
    return matching_chars(inner[0], flags, lower=False)


class _Unlistable(Exception):
    """The regex's first words cannot be listed (see `whole_words`)."""


def _walk(items: list[tuple[Any, Any]], words: set[str], flags: int, token: re.Pattern[str],
          done: set[str]) -> set[str]:
    """The words being read after the items in turn, from `words` (lower-cased letters and digits so
    far, the same way `re` matches); a word a character outside the word ends goes to `done`."""
    for op, value in items:
        if not words:
            break
        if op in _SINGLE:
            words = _step(words, matching_chars((op, value), flags), token, done)
        elif op in _ZERO_WIDTH:
            continue
        elif op is sre.SUBPATTERN:
            _group, add, remove, body = value
            words = _walk(list(body), words, (flags | add) & ~remove, token, done)
        elif op is sre.BRANCH:
            words = set().union(*(_walk(list(branch), set(words), flags, token, done) for branch in value[1]))
        elif op in _REPEATS:
            words = _repeat(value, words, flags, token, done)
        else:
            raise _Unlistable
        if len(words) + len(done) > MAX_WORDS:
            raise _Unlistable
    return words


def _step(words: set[str], chars: set[str], token: re.Pattern[str], done: set[str]) -> set[str]:
    """One character: letters and digits grow the words; anything else ends them (before the first
    word, it is skipped: that word starts after it)."""
    grown = {word + char for char in chars if token.fullmatch(char) for word in words}
    if any(not token.fullmatch(char) for char in chars):
        done |= words - {""}
        grown |= words & {""}
    return grown


def _repeat(value: Any, words: set[str], flags: int, token: re.Pattern[str], done: set[str]) -> set[str]:
    """Short repeats (`s?`) followed repetition by repetition; a long one (`[\\s\\-.]*`) only if it
    cannot continue a word: one repetition ends every word, and more change nothing."""
    low, high, body = value
    if high > MAX_REPEATS:
        if _walk(list(body), set(words), flags, token, done) - {""}:
            raise _Unlistable
        return set(words) if low == 0 else words & {""}
    after = set(words) if low == 0 else set()
    current = words
    for count in range(1, high + 1):
        current = _walk(list(body), set(current), flags, token, done)
        if count >= low:
            after |= current
    return after


def opens_a_word(pattern: Regex) -> bool:
    """Whether every match of `pattern` starts where a word does: each way of matching opens with `\\b`
    before a letter or digit, or with a look-behind excluding letters and digits. A look-behind excluding
    them can then go first without changing what it matches (what `wordstarts.needed_words` reads)."""
    items, flags = parse_regex(pattern)
    return _opens(items, flags)


def _opens(items: list[tuple[Any, Any]], flags: int) -> bool:
    if not items:
        return False
    op, value = items[0]
    if op is sre.SUBPATTERN:
        return _opens(list(value[3]) + items[1:], flags)
    if op is sre.BRANCH:
        return all(_opens(list(branch) + items[1:], flags) for branch in value[1])
    if op is sre.ASSERT_NOT and value[0] == -1:
        excluded = _excluded(items[0], flags, -1)
        return excluded is not None and excluded >= _LETTERS_DIGITS
    return op is sre.AT and value is sre.AT_BOUNDARY and _opens_with_letter(items[1:])


def _opens_with_letter(items: list[tuple[Any, Any]]) -> bool:
    """Whether every match of the items starts with a letter or digit."""
    if not items:
        return False
    op, value = items[0]
    if op is sre.LITERAL:
        return chr(value).isalnum()
    if op is sre.IN:
        return bool(value) and all(_letters_only(member, argument) for member, argument in value)
    if op is sre.SUBPATTERN:
        return _opens_with_letter(list(value[3]) + items[1:])
    if op is sre.BRANCH:
        return all(_opens_with_letter(list(branch) + items[1:]) for branch in value[1])
    if op in _REPEATS:
        return bool(value[0] >= 1) and _opens_with_letter(list(value[2]))
    return False


def _letters_only(member: Any, argument: Any) -> bool:
    if member is sre.LITERAL:
        return chr(argument).isalnum()
    if member is sre.RANGE:
        return all(chr(code).isalnum() for code in range(argument[0], argument[1] + 1))
    return member is sre.CATEGORY and argument is sre.CATEGORY_DIGIT
