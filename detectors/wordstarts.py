"""Word starts: a cheap, exact necessary condition for term regexes that only match at a word start.

The special-category gates, the naming words of national ids and the health lexicons are regexes of
up to thousands of terms anchored after a non-letter, `(?<!\\w)(?:muslim|the catholic church|...)`.
Python's `re` tries the alternatives at every word start, several to tens of microseconds per tweet
each, and almost every tweet matches none.

Each such regex is read once, with `re`'s own parser, into a set of words of up to `PREFIX_CHARS`
letters and digits: for every way of matching, the first characters of its longest word ("catholi" for
"the Catholic Church"), a common little word such as "the" only when there is no other. A word the
regex ends on a character that is no letter or digit, or on a look-ahead excluding them, is taken whole
("d" in "D&C", "big" in "the big C", "no" in `no(?!\\w)`): the text must hold that very word, not just a
word beginning with it ("dog", "bigger", "now"). Each text is read once into the first 1 to
PREFIX_CHARS characters of all its words, and its shorter words whole (remembered for the last text, so
all gates share it). A text with none of a regex's words cannot match it, and the regex is not run.

Exact for ASCII text, whatever the regex: which ASCII characters a regex item matches is found by
trying each of them, so case-insensitivity, classes and Unicode folds (the Kelvin sign matches 'k')
are `re`'s own. Both sides read apostrophes as nothing inside a word, yet as a place where a whole
word may start or end ("don't" holds "don"), and any other character that is no letter or digit as the
end of one. Non-ASCII texts, and regexes that may match without a word or
do not start with a look-behind excluding letters and digits, always go on to the regex.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from detectors.internals import Regex, compile_items, parse_regex, sre

PREFIX_CHARS = 7
"""Characters of a word compared: fewer let common words through ("again" for "against", "inter" for
"intermittent"); more cost more per text. On 1,000 tweets the work after spaCy took 2.5% fewer
instructions with 6 than with 5, 2.9% fewer with 7 (callgrind)."""
WIDE_CLASS = 8
"""A regex item matching more lower-cased ASCII letters and digits than this (`\\d`, `\\w`) ends a word
where it stands: listing every way on would tell little and cost much."""
REPEAT_LIMIT = 64
"""Repetitions followed before the states left are taken as they are (each is still a necessary word)."""

WHOLE = " "
"""Ends a word of fewer than PREFIX_CHARS characters that is meant whole ("big " for "big", not
"bigger"); no word of a text holds it."""
LITTLE_WORDS = frozenset({"a", "an", "and", "at", "for", "in", "is", "it", "my", "of", "on", "or", "the",
                          "to"})
"""Words in almost every text: a regex's gate word is one of them only when it holds no other."""

_ASCII = [chr(code) for code in range(128)]
_WORD = re.compile(r"[a-z0-9']+")
_SIZES = range(1, PREFIX_CHARS + 1)
_LETTER_OR_DIGIT = {char for char in _ASCII if char.isalnum()}
_SINGLE = (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))


@lru_cache(maxsize=1)
def text_words(text: str) -> frozenset[str] | None:
    """The first 1 to PREFIX_CHARS characters of every word of the text, lower-cased, apostrophes left
    out, and its words of fewer characters whole (ending in WHOLE); None for non-ASCII text. A word
    also starts after an apostrophe and ends before one ("don't" holds "dont", "don" and "t").
    Remembered for the last text: every gate asks about the same one."""
    if not text.isascii():
        return None
    lowered = text.lower()
    words = set(_WORD.findall(lowered))
    if "'" in lowered:
        for word in [word for word in words if "'" in word]:
            parts = word.split("'")
            words.discard(word)
            words.update("".join(parts[first:last]) for first in range(len(parts))
                         for last in range(first + 1, len(parts) + 1))
        words.discard("")
    starts = {word + WHOLE for word in words if len(word) < PREFIX_CHARS}
    for size in _SIZES:
        starts.update([word[:size] for word in words])
    return frozenset(starts)


def may_match(text: str, words: frozenset[str] | None) -> bool:
    """False only if `text` is ASCII and none of its words starts with one of `words` (see
    `needed_words`): then the regex they were read from cannot match it."""
    if words is None:
        return True
    seen = text_words(text)
    return seen is None or not seen.isdisjoint(words)


def needed_words(pattern: Regex) -> frozenset[str] | None:
    """Lower-cased strings of up to PREFIX_CHARS letters and digits, one of which every match of
    `pattern` in ASCII text holds at a word start; None if the pattern does not start with a look-behind
    excluding letters and digits, or may match without a word.

    Each alternative's longest word (its first PREFIX_CHARS characters) is taken, so "the Catholic
    Church" gives "catho", not "the"; a little word (LITTLE_WORDS) only if there is no other. A shorter
    string stands for every word it begins (the regex may end there, or go on with something too wide to
    list), unless it ends in WHOLE: the regex ends that word on a character that is no letter, digit or
    apostrophe, so the text holds it whole.
    """
    items, flags = parse_regex(pattern)
    if not items or not _excludes_letters(items[0], flags, ahead=False):
        return None
    found: set[State] = set()
    found |= _walk(items[1:], {("", "")}, flags, found)
    words = {_word(state) for state in found}
    return None if "" in words else frozenset(words)


State = tuple[str, str]
"""Where a match can be: the best word it has finished (its first characters, or the whole of a short
one: see `_worth`), and the word it is in."""


def _word(state: State) -> str:
    """The state's gate word: the better of the best finished word and the one it is in."""
    finished, current = state
    return current if _worth(current) > _worth(finished) else finished


def _worth(word: str) -> tuple[bool, int, bool]:
    """How few texts a gate word lets through, roughly: a little word least, then longer, then whole."""
    bare = word.rstrip(WHOLE)
    return bool(bare) and bare not in LITTLE_WORDS, len(bare), bare != word


def _excludes_letters(item: tuple[Any, Any], flags: int, *, ahead: bool) -> bool:
    """`(?<!\\w)`, `(?<![^\\W_])` and the like: no letter or digit right before (a look-behind) or after
    (`ahead`: a look-ahead, which ends a word as a character that is no letter or digit would)."""
    op, value = item
    if op is not sre.ASSERT_NOT or value[0] != (1 if ahead else -1):
        return False
    inner = list(value[1])
    if len(inner) != 1 or inner[0][0] not in _SINGLE:
        return False
    return matching_chars(inner[0], flags, lower=False) >= _LETTER_OR_DIGIT


def matching_chars(item: tuple[Any, Any], flags: int, lower: bool = True) -> set[str]:
    """The ASCII characters one single-character regex item matches (lower-cased if `lower`)."""
    key = (repr(item), flags, lower)
    if key not in _MATCHING:
        compiled = compile_items([item], flags)
        matched = (char for char in _ASCII if compiled.fullmatch(char))
        _MATCHING[key] = frozenset(char.lower() if lower else char for char in matched)
    return set(_MATCHING[key])


_MATCHING: dict[tuple[str, int, bool], frozenset[str]] = {}
"""Each distinct item is tried on the ASCII characters once: a lexicon repeats the same letters."""


def _step(states: set[State], chars: set[str], found: set[State]) -> set[State]:
    """The states after one character from `chars`; states whose word is complete go to `found`."""
    letters = chars & _LETTER_OR_DIGIT
    if len(letters) > WIDE_CLASS:
        found |= states
        return set()
    after: set[State] = set()
    for finished, current in states:
        for char in letters:
            grown = (finished, current + char)
            (found if len(grown[1]) >= PREFIX_CHARS else after).add(grown)
        if "'" in chars:
            after.add((finished, current))
        if chars - letters - {"'"}:
            after.add((_word((finished, current + WHOLE if current else "")), ""))
    return after


def _walk(items: list[tuple[Any, Any]], states: set[State], flags: int, found: set[State]) -> set[State]:
    """The states after the items in turn; those that end early (too wide, too long) go to `found`.

    An apostrophe is skipped inside a word (the text's words are read without them); any other
    character that is no letter or digit ends the word, and the next letter starts a new one.
    """
    for op, value in items:
        if not states:
            break
        if op in _SINGLE:
            states = _step(states, matching_chars((op, value), flags), found)
        elif op is sre.ASSERT_NOT and _excludes_letters((op, value), flags, ahead=True):
            states = {(_word((finished, current + WHOLE if current else "")), "")
                      for finished, current in states}
        elif op in _ZERO_WIDTH:
            continue
        elif op is sre.SUBPATTERN:
            _group, add, remove, body = value
            states = _walk(list(body), states, (flags | add) & ~remove, found)
        elif op is sre.BRANCH:
            states = set().union(*(_walk(list(branch), set(states), flags, found) for branch in value[1]))
        elif op in _REPEATS:
            low, high, body = value
            states = _repeat(list(body), low, high, states, flags, found)
        else:
            found |= states
            states = set()
    return states


def _repeat(body: list[tuple[Any, Any]], low: int, high: int, states: set[State], flags: int,
            found: set[State]) -> set[State]:
    """The states after `low` to `high` repetitions of body, followed until they repeat themselves."""
    after: set[State] = set(states) if low == 0 else set()
    current = states
    for count in range(1, high + 1):
        current = _walk(body, set(current), flags, found)
        if not current:
            break
        if count >= low:
            if current <= after:  # more repetitions reach only states reached already
                break
            after |= current
        if count > REPEAT_LIMIT:
            found |= current
            break
    return after
