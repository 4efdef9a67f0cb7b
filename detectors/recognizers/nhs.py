"""UK NHS numbers, only near an NHS word, replacing Presidio's NhsRecognizer.

The stock recognizer accepts any ten digits grouped 3-3-4 that pass the mod-11 check, which one US
phone number in eleven does (212-555-0199 is one). Here the same check must be met and an NHS word
("NHS", "health service", "patient") must be near.
"""

from __future__ import annotations

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import NhsRecognizer

from detectors.recognizers.base import LANGUAGE, WordGated, words_pattern

NHS_WORDS = words_pattern(
    ("nhs", "national health service", "health service", "health authority", "patient", "gp", "hospital")
)
_NHS_GATE = WordGated(NHS_WORDS)
WINDOW = 64


class NhsNumberRecognizer(NhsRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_language=LANGUAGE, name=type(self).__name__)

    @property
    def gate_words(self) -> frozenset[str] | None:
        """Words one of which every text `might_match` lets through holds (see prefilter.gate_words)."""
        return _NHS_GATE.words

    def might_match(self, text: str) -> bool:
        """The engine's cheap precondition (see detectors.prefilter): an NHS word must be present."""
        return _NHS_GATE.search(text) is not None

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        kept = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            before = text[max(0, result.start - WINDOW) : result.start]
            window = before + " " + text[result.end : result.end + 24]
            if NHS_WORDS.search(window):
                result.recognition_metadata["reason"] = "NHS number: mod-11 checksum valid, near an NHS word"
                kept.append(result)
        return kept
