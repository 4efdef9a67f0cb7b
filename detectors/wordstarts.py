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

Exact whatever the regex and the text: which ASCII characters a regex item matches is found by trying
each of them, so case-insensitivity and classes are `re`'s own. Both sides read apostrophes as nothing
inside a word, yet as a place where a whole word may start or end ("don't" holds "don"), and any other
character that is no letter or digit as the end of one. Outside ASCII, the few characters `re` folds
onto an ASCII letter (the Kelvin sign matches 'k') are read as that letter and ’ as an apostrophe, on
both sides; any other character (an emoji, 'é') ends a word of the text, and a regex item that may match
one may end a word there. Regexes that may match without a word or do not start with a look-behind
excluding letters and digits have no gate words and always go on to the regex.
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

FOLDED = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
"""Every character outside ASCII that `re` matches to an ASCII letter when ignoring case (dotted and
dotless i, long s, Kelvin sign): a text's words read them as that letter."""
APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'"}
"""Characters a text's words read as an apostrophe (terms are written to match ’ as well as ')."""
_AS_ASCII = FOLDED | APOSTROPHES

_ASCII = [chr(code) for code in range(128)]
_OUTSIDE_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD = re.compile(r"[a-z0-9']+")
_SIZES = range(1, PREFIX_CHARS + 1)
_LETTER_OR_DIGIT = {char for char in _ASCII if char.isalnum()}
_SINGLE = (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))


@lru_cache(maxsize=1)
def text_words(text: str) -> frozenset[str]:
    """The first 1 to PREFIX_CHARS characters of every word of the text, lower-cased, apostrophes left
    out, and its words of fewer characters whole (ending in WHOLE). A word also starts after an
    apostrophe and ends before one ("don't" holds "dont", "don" and "t"). A character outside ASCII ends a
    word, unless it is read as an ASCII letter or an apostrophe (FOLDED, APOSTROPHES). Remembered for
    the last text: every gate asks about the same one."""
    if not text.isascii():
        text = _OUTSIDE_ASCII.sub(_as_ascii, text)
    lowered = text.lower()
    words = set(_WORD.findall(lowered))
    if "'" in lowered:
        for word in [word for word in words if "'" in word]:
            parts = word.split("'")
            words.discard(word)
            words.update("".join(parts[first:last]) for first in range(len(parts))
                         for last in range(first + 1, len(parts) + 1))
        words.discard("")
    return frozenset().union(*map(_word_starts, words))


@lru_cache(maxsize=4096)
def _word_starts(word: str) -> frozenset[str]:
    """The word's first 1 to PREFIX_CHARS characters, and the word whole if shorter. Remembered for the
    most recent words (about a kilobyte each): the same words recur from text to text."""
    starts = {word[:size] for size in _SIZES}
    if len(word) < PREFIX_CHARS:
        starts.add(word + WHOLE)
    return frozenset(starts)


def _as_ascii(match: re.Match[str]) -> str:
    return _AS_ASCII.get(match.group(), " ")


def may_match(text: str, words: frozenset[str] | None) -> bool:
    """False only if none of the text's words starts with one of `words` (see `needed_words`): then the
    regex they were read from cannot match it."""
    return words is None or not text_words(text).isdisjoint(words)


def needed_words(pattern: Regex) -> frozenset[str] | None:
    """Lower-cased strings of up to PREFIX_CHARS letters and digits, one of which every match of
    `pattern` in ASCII text holds at a word start; None if the pattern does not start with a look-behind
    excluding letters and digits, or may match without a word.

    Each alternative's longest word (its first PREFIX_CHARS characters) is taken, so "the Catholic
    Church" gives "catholi", not "the"; a little word (LITTLE_WORDS) only if there is no other. A shorter
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


def _ended(state: State) -> State:
    """The state once the word it is in has ended (on a character that is no letter or digit, or a
    look-ahead excluding them): that word, whole, may become its best finished one."""
    finished, current = state
    return _word((finished, current + WHOLE if current else "")), ""


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


def _text_chars(item: tuple[Any, Any], flags: int) -> set[str]:
    """What a text's words read where one single-character regex item matches: the lower-cased ASCII
    characters it matches, the letter or apostrophe each FOLDED or APOSTROPHES character it matches is
    read as, and a space (a word's end) if it may match any other character outside ASCII."""
    key = (repr(item), flags)
    if key not in _TEXT_CHARS:
        chars = matching_chars(item, flags)
        compiled = compile_items([item], flags)
        chars.update(ascii_char for char, ascii_char in _AS_ASCII.items() if compiled.fullmatch(char))
        if _matches_other_non_ascii(*item):
            chars.add(" ")
        _TEXT_CHARS[key] = frozenset(chars)
    return set(_TEXT_CHARS[key])


_TEXT_CHARS: dict[tuple[str, int], frozenset[str]] = {}


def _matches_other_non_ascii(op: Any, value: Any) -> bool:
    """Whether an item may match a character outside ASCII other than those read as ASCII (`_AS_ASCII`);
    ignoring case adds only those (every fold of an ASCII letter outside ASCII is in FOLDED)."""
    if op in (sre.NOT_LITERAL, sre.ANY):
        return True
    if op is sre.LITERAL:
        return value >= 128 and chr(value) not in _AS_ASCII
    return any(_member_matches_other(member, argument) for member, argument in value)


def _member_matches_other(member: Any, argument: Any) -> bool:
    if member is sre.LITERAL:
        return argument >= 128 and chr(argument) not in _AS_ASCII
    if member is sre.RANGE:
        low, high = max(argument[0], 128), argument[1]
        return high >= low and high - low + 1 > sum(low <= ord(char) <= high for char in _AS_ASCII)
    return True  # NEGATE and the categories (\w, \d, \s and their opposites) all reach outside ASCII


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
            after.add(_ended((finished, current)))
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
            states = _step(states, _text_chars((op, value), flags), found)
        elif op is sre.ASSERT_NOT and _excludes_letters((op, value), flags, ahead=True):
            states = {_ended(state) for state in states}
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
