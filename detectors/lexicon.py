"""Term lexicons from `detectors/data/`, compiled once into one trie-shaped regex each.

A recognizer that looped over thousands of terms per text would cost thousands of scans; one
alternation shaped like a prefix trie scans each text once and still prefers the longest term.
Spaces, hyphens and dots inside a term are one optional separator and apostrophes are optional, so
"Alzheimer's", "Alzheimers" and "alzheimer’s" are one term, as are "A-fib", "a fib" and "afib". Terms
are put in that canonical form before they enter the trie, so two spellings never become two
branches of which the first would win with a shorter match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

_SEPARATOR = "\x00"
_CHARACTER = {
    _SEPARATOR: r"['’]?[\s\-.]*",
    "s": r"['’]?s",
    "S": r"['’]?S",
    "i": r"['’]?i",
    "I": r"['’]?I",
}
"""Regex for a canonical character; an apostrophe may stand before s ("Crohn's"), i ("Baha'i") or a space."""
_SEPARATORS = re.compile(r"[\s\-.]+")


@cache
def read_terms(filename: str) -> tuple[str, ...]:
    """The terms of a data file: one per line; blank lines and '#' comments skipped."""
    lines = (DATA / filename).read_text(encoding="utf-8").splitlines()
    terms = (line.strip().replace("’", "'") for line in lines if not line.startswith("#"))
    return tuple(term for term in terms if term)


def plurals(term: str) -> list[str]:
    """The term and its English plural forms ("neuropathy" → "neuropathies", "psychosis" → "psychoses")."""
    forms = [term]
    lower = term.lower()
    if lower.endswith("is") and len(lower) > 4:
        forms.append(term[:-2] + "es")
    elif lower.endswith("y") and len(lower) > 3 and lower[-2] not in "aeiou":
        forms.append(term[:-1] + "ies")
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        forms.append(term + "es")
    elif lower[-1:].isalpha():
        forms.append(term + "s")
    if lower.endswith("oma"):
        forms.append(term + "ta")
    return forms


def canonical(term: str) -> str:
    """The trie key of a term: no apostrophes, one separator character for any run of space, hyphen or dot."""
    return _SEPARATORS.sub(_SEPARATOR, term.replace("'", "").replace("’", "")).strip(_SEPARATOR)


def _canonical_trie(terms: list[str]) -> dict[str, dict]:
    trie: dict[str, dict] = {}
    for term in terms:
        node = trie
        for character in term:
            node = node.setdefault(character, {})
        node[""] = {}
    return trie


def _branches(node: dict[str, dict]) -> list[str]:
    """The regex of each branch of a trie node, in the order the alternation tries them."""
    return [
        _CHARACTER.get(character, re.escape(character)) + _node_pattern(child)
        for character, child in sorted(node.items())
        if character
    ]


def _node_pattern(node: dict[str, dict]) -> str:
    return joined(_branches(node), optional="" in node)


def joined(branches: list[str], *, optional: bool = False) -> str:
    """Branches as one alternation, tried in order (and none of them, if optional)."""
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        return f"(?:{body})?"
    return body


def terms_pattern(
    terms: tuple[str, ...] | list[str], *, case_sensitive: bool = False, with_plurals: bool = True
) -> str:
    """A regex source matching any of the terms (longest first), without word boundaries."""
    return _node_pattern(_terms_trie(terms, case_sensitive, with_plurals))


def terms_groups(
    terms: tuple[str, ...] | list[str], *, case_sensitive: bool = False, with_plurals: bool = True
) -> list[tuple[str, ...]]:
    """The terms' trie keys (see `canonical`), grouped by first character in the order `terms_pattern`'s
    alternation tries them: `group_branch` makes each group's branch of it, `joined` them the whole."""
    groups: dict[str, list[str]] = {}
    for term in sorted(_canonical_forms(terms, case_sensitive, with_plurals)):
        if term:
            groups.setdefault(term[0], []).append(term)
    return [tuple(group) for group in groups.values()]


def group_branch(group: tuple[str, ...]) -> str:
    """The branch of a `terms_pattern` alternation that holds one group of `terms_groups`."""
    (branch,) = _branches(_canonical_trie(list(group)))
    return branch


def _terms_trie(terms: tuple[str, ...] | list[str], case_sensitive: bool,
                with_plurals: bool) -> dict[str, dict]:
    return _canonical_trie(sorted(_canonical_forms(terms, case_sensitive, with_plurals)))


def _canonical_forms(terms: tuple[str, ...] | list[str], case_sensitive: bool,
                     with_plurals: bool) -> set[str]:
    forms = {form if case_sensitive else form.lower()
             for term in terms for form in (plurals(term) if with_plurals else [term])}
    return {canonical(form) for form in forms}


@dataclass(frozen=True, slots=True)
class RegexSource:
    """A regex compiled on first use: what `re.compile` takes, which is also all `wordstarts.needed_words`
    reads, so a term list's gate words are known without compiling its regex."""

    pattern: str
    flags: int = 0

    def search(self, text: str) -> re.Match[str] | None:
        return compiled(self).search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return compiled(self).finditer(text)


def terms_source(
    terms: tuple[str, ...] | list[str], *, case_sensitive: bool = False, with_plurals: bool = True
) -> RegexSource:
    """The regex finding any term as a whole word (not inside a longer word), uncompiled."""
    body = terms_pattern(terms, case_sensitive=case_sensitive, with_plurals=with_plurals)
    return whole_word(body, case_sensitive=case_sensitive)


def whole_word(body: str, *, case_sensitive: bool = False) -> RegexSource:
    """A regex source matching `body` as a whole word: not after a letter, digit or hyphen, nor before a
    letter or digit."""
    return RegexSource(rf"(?<![\w\-])(?:{body})(?![\w])", 0 if case_sensitive else re.IGNORECASE)


def compile_terms(
    terms: tuple[str, ...] | list[str], *, case_sensitive: bool = False, with_plurals: bool = True
) -> re.Pattern[str]:
    """One compiled regex finding any term as a whole word (not inside a longer word)."""
    source = terms_source(terms, case_sensitive=case_sensitive, with_plurals=with_plurals)
    return re.compile(source.pattern, source.flags)


@cache
def compiled(source: RegexSource) -> re.Pattern[str]:
    """A source compiled once, on first use: a lexicon of thousands of terms takes a noticeable part of a
    second to compile, and most texts (and short runs) never need most lexicons."""
    return re.compile(source.pattern, source.flags)
