"""A lexicon's whole-word regex, compiled a first character at a time while a run needs few of them.

Compiling the regex of a lexicon of thousands of terms takes up to a second (`re` parses and compiles
every branch), which is most of the time to the first finding of a one-line `exposure detect`. Yet a
short text can only match the branches whose first character starts one of its words. So the regex
is also kept cut at its first character (`lexicon.terms_groups`), one piece per character, each
with its own gate words (`detectors.wordstarts`): an ASCII text whose words let through at most
`PIECES_LIMIT` pieces is searched with those pieces alone, each compiled on first use. Any other text
(non-ASCII, or a long one with words of many first letters), and any text after the first
`PIECES_TEXTS`, compiles the whole regex, which then serves every text: a large run spends its time
as it did before the pieces, a short one never compiles what it does not need.

The pieces find exactly what the whole regex finds. The whole is `(?<!…)(?:B1|B2|…)(?!…)`: at each
position it tries B1, then B2, … and takes the first that leads to a match. A piece is
`(?<!…)(?:Bi)(?!…)`, which matches at a position exactly when Bi leads to a match there, and the same
way. So the whole's next match from a position is the earliest of the pieces' next matches, the
first piece on a tie; after it, the search goes on from its end, as `finditer` does.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from functools import partial

from detectors.gatewords import digest, keyed_gate_words
from detectors.lexicon import RegexSource, compiled, group_branch, joined, terms_groups, whole_word
from detectors.wordstarts import may_match

PIECES_LIMIT = 6
"""Most pieces a text is searched with one by one; past that, one search with the whole regex is
cheaper than several, and its compile is paid once for the run."""
PIECES_TEXTS = 128
"""Texts searched in pieces before the whole regex is compiled: past a few hundred texts its compile is
a small part of the run, and one search per text is cheaper than several gate checks and searches."""


class TermsRegex:
    """Any term of a list as a whole word (see `lexicon.terms_source`), found in pieces or whole.

    Only the terms are read at construction: a piece's regex is written when a text first needs it, the
    whole one when the whole is needed, and their gate words are stored under a digest of their terms
    (`gatewords.keyed_gate_words`). Writing the regexes of all health lexicons takes a fifth of a second."""

    __slots__ = ("__weakref__", "_case_sensitive", "_groups", "_pieces", "_source", "_texts", "_whole",
                 "piece_words", "words")

    def __init__(self, terms: tuple[str, ...] | list[str], *, case_sensitive: bool = False,
                 with_plurals: bool = True) -> None:
        self._case_sensitive = case_sensitive
        self._groups = terms_groups(terms, case_sensitive=case_sensitive, with_plurals=with_plurals)
        self._pieces: list[RegexSource | None] = [None] * len(self._groups)
        self._source: RegexSource | None = None
        flags = "case" if case_sensitive else "nocase"
        self.words = keyed_gate_words(digest(f"terms\x00{flags}\x00{self._groups!r}"), lambda: self.source)
        """Words one of which every match holds: a text with none cannot match."""
        self.piece_words = tuple(
            keyed_gate_words(digest(f"terms\x00{flags}\x00{group!r}"), partial(self.piece, index))
            for index, group in enumerate(self._groups)
        )
        self._whole: re.Pattern[str] | None = None
        """The whole regex once a text has needed it; from then on it serves every text."""
        self._texts = 0
        """Texts searched in pieces so far."""
        _EVERY.add(self)

    @property
    def source(self) -> RegexSource:
        """The whole regex: what `lexicon.terms_source` gives for these terms."""
        if self._source is None:
            branches = [group_branch(group) for group in self._groups]
            self._source = whole_word(joined(branches), case_sensitive=self._case_sensitive)
        return self._source

    def piece(self, index: int) -> RegexSource:
        """The regex of the terms of one first character, as a whole word."""
        piece = self._pieces[index]
        if piece is None:
            piece = whole_word(group_branch(self._groups[index]), case_sensitive=self._case_sensitive)
            self._pieces[index] = piece
        return piece

    def compile_whole(self) -> None:
        """Compile the whole regex now, so no text pays for it (see `compile_every_whole`)."""
        if self._whole is None:
            self._whole = compiled(self.source)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of the whole regex in the text, left to right, as `re.finditer` gives them."""
        if self._whole is None and self._texts < PIECES_TEXTS and text.isascii():
            needed = [index for index, words in enumerate(self.piece_words) if may_match(text, words)]
            if len(needed) <= PIECES_LIMIT:
                self._texts += 1
                return _merged(text, [compiled(self.piece(index)) for index in needed])
        self.compile_whole()
        assert self._whole is not None
        return self._whole.finditer(text)


_EVERY: weakref.WeakSet[TermsRegex] = weakref.WeakSet()
"""Every lexicon regex of this process, for `compile_every_whole`."""


def compile_every_whole() -> None:
    """Compile every lexicon's whole regex now (about 1.3 s CPU for the health lexicons).

    For a process that will read many texts (a batch worker, or a parent about to fork detection
    workers): the pieces only pay off for a few short texts, and past them each process would compile
    the whole regexes in the middle of its work, once per process instead of once before forking."""
    for terms in list(_EVERY):
        terms.compile_whole()


def _merged(text: str, pieces: list[re.Pattern[str]]) -> Iterator[re.Match[str]]:
    """The whole regex's matches from its pieces' (in the order the whole tries them): at each step the
    earliest next match, the first piece on a tie, then every piece searches on from its end."""
    pending = [(found.start(), index, found) for index, piece in enumerate(pieces)
               if (found := piece.search(text)) is not None]
    while pending:
        match = min(pending, key=lambda item: item[:2])[2]
        yield match
        end = match.end()
        searched = []
        for start, other, found in pending:
            if start < end:
                again = pieces[other].search(text, end)
                if again is None:
                    continue
                start, found = again.start(), again
            searched.append((start, other, found))
        pending = searched
