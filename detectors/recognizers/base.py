"""The shape all our pattern recognizers share: Presidio's declarative PatternRecognizer, plus context the
recognizer reads from the text itself.

Presidio's context enhancement only raises a score, and only when spaCy tokens are at hand. Many shapes
mean nothing on their own (seven digits are a phone number only next to "call me on"; "34" is an age only
after "I'm"), so here a pattern can *require* a context word near the match, checked on the raw text, which
also works without a model. Every kept hit carries a human reason in `recognition_metadata["reason"]`.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import ClassVar, Protocol

import regex
from presidio_analyzer import AnalysisExplanation, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.caseless import CaselessGate
from detectors.gatewords import gate_words
from detectors.prefilter import has_digit, needs_digit
from detectors.wordstarts import may_match

LANGUAGE = "en"
REGEX_TIMEOUT_SECONDS = 60
"""Presidio's own limit on one pattern's matching (its REGEX_TIMEOUT_SECONDS)."""


class Searchable(Protocol):
    """A compiled regex, or anything else that answers `search` the same way."""

    def search(self, string: str) -> object: ...


class WordGated:
    """A regex that starts at a word start, searched only in texts holding one of its gate words (see
    `detectors.wordstarts`): the same answer, without running the regex on most texts."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.words = gate_words(pattern)

    def search(self, string: str) -> re.Match[str] | None:
        return self.pattern.search(string) if may_match(string, self.words) else None


def words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """A case-insensitive regex finding any of `words` as whole words (phrases allowed)."""
    alternatives = "|".join(sorted((re.escape(word) for word in words), key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", re.IGNORECASE)


class ContextualRecognizer(PatternRecognizer):
    """A PatternRecognizer whose patterns may need a context word near the match to count."""

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[list[Pattern]]
    CONTEXT: ClassVar[list[str]] = []
    """Words Presidio's enhancer uses to raise scores (needs spaCy tokens)."""
    REQUIRED_CONTEXT: ClassVar[re.Pattern[str] | None] = None
    """Words that must occur near a hit of a pattern named in NEEDS_CONTEXT."""
    NEEDS_CONTEXT: ClassVar[frozenset[str]] = frozenset()
    BEFORE: ClassVar[int] = 48
    """Characters before a hit searched for required context."""
    AFTER: ClassVar[int] = 24
    """Characters after a hit searched for required context."""
    REASON: ClassVar[str]
    FIRST_PERSON: ClassVar[bool] = False
    PATTERN_GATES: ClassVar[dict[str, Searchable]] = {}
    """Per pattern name, a regex every match implies: the pattern is not run on texts without it."""
    MERGE_OVERLAPS: ClassVar[bool] = False
    """Join overlapping hits into one (an address matched piecewise by several patterns is one address)."""
    GATE: ClassVar[re.Pattern[str] | None] = None
    """A regex every hit implies (case-insensitive): texts without it are skipped by the engine."""

    def __init__(self) -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            patterns=list(self.PATTERNS),
            context=list(self.CONTEXT),
            supported_language=LANGUAGE,
            name=type(self).__name__,
        )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """PatternRecognizer's matching, with context and `refine` applied before a result is built.

        Presidio builds an explanation for every raw match and de-duplicates them pairwise, which is
        quadratic in the matches; shapes such as digit groups match thousands of times in a long text,
        so candidates are filtered here first.
        """
        flags = int(regex_flags or self.global_regex_flags or 0)
        kept: list[RecognizerResult] = []
        for pattern in self.PATTERNS:
            gate = self.PATTERN_GATES.get(pattern.name)
            if gate is not None and gate.search(text) is None:
                continue
            for match in _compiled(pattern, flags).finditer(text, timeout=REGEX_TIMEOUT_SECONDS):
                start, end = match.span()
                if start == end:
                    continue
                if pattern.name in self.NEEDS_CONTEXT and not self.context_near(text, start, end):
                    continue
                validation = self.validate_result(text[start:end])
                if validation is False:
                    continue
                score = self.MAX_SCORE if validation else pattern.score
                refined = self.refine(text, self._result(pattern, start, end, score))
                if refined is None:
                    continue
                metadata = refined.recognition_metadata
                metadata.setdefault("reason", f"{self.REASON} ({pattern.name})")
                metadata.setdefault("first_person", self.FIRST_PERSON)
                kept.append(refined)
        return _merged(kept) if self.MERGE_OVERLAPS else _best_per_span(kept)

    def _result(self, pattern: Pattern, start: int, end: int, score: float) -> RecognizerResult:
        name = type(self).__name__
        explanation = AnalysisExplanation(
            recognizer=name, original_score=pattern.score, pattern_name=pattern.name, pattern=pattern.regex
        )
        metadata = {RecognizerResult.RECOGNIZER_NAME_KEY: name,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}
        return RecognizerResult(self.ENTITY, start, end, score, explanation, metadata)

    def might_match(self, text: str) -> bool:
        """The engine's cheap precondition (see detectors.prefilter): False means no hit is possible."""
        if self.GATE is None:
            return True
        if self.gate_needs_digit and not has_digit(text):
            return False
        return self._gate.search(text) is not None

    @cached_property
    def _gate(self) -> Searchable:
        """GATE, searched in the lower-cased text where that is the same question (see detectors.caseless)."""
        assert self.GATE is not None
        return CaselessGate(self.GATE)

    @cached_property
    def gate_needs_digit(self) -> bool:
        """Whether every match of GATE holds a digit (answered for most tweets by one shared search)."""
        return self.GATE is not None and needs_digit(self.GATE)

    def context_near(self, text: str, start: int, end: int) -> bool:
        """True if a required context word occurs within BEFORE/AFTER characters of the hit."""
        if self.REQUIRED_CONTEXT is None:
            return True
        window = text[max(0, start - self.BEFORE) : start] + " " + text[end : end + self.AFTER]
        return self.REQUIRED_CONTEXT.search(window) is not None

    def refine(self, text: str, result: RecognizerResult) -> RecognizerResult | None:
        """Hook: adjust a hit using the text around it (trim, rescore), or drop it with None."""
        return result


def _compiled(pattern: Pattern, flags: int) -> regex.Pattern[str]:
    """The pattern compiled with Presidio's regex engine and flags, once per flag set."""
    if pattern.compiled_regex is None or pattern.compiled_with_flags != flags:
        pattern.compiled_regex = regex.compile(pattern.regex, flags=flags)
        pattern.compiled_with_flags = flags  # type: ignore[assignment]
    compiled: regex.Pattern[str] = pattern.compiled_regex
    return compiled


def _best_per_span(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """One result per span (patterns may agree after trimming), the best scored."""
    best: dict[tuple[int, int], RecognizerResult] = {}
    for result in results:
        key = (result.start, result.end)
        if key not in best or result.score > best[key].score:
            best[key] = result
    return list(best.values())


def _merged(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Overlapping results joined into their union, keeping the best scored one's metadata."""
    joined: list[RecognizerResult] = []
    for result in sorted(results, key=lambda r: (r.start, -r.end)):
        last = joined[-1] if joined else None
        if last is not None and result.start < last.end:
            if result.score > last.score:
                result.start, result.end = last.start, max(last.end, result.end)
                joined[-1] = result
            else:
                last.end = max(last.end, result.end)
            continue
        joined.append(result)
    return joined
