"""US driver's licence numbers, only where the text says so, replacing Presidio's UsLicenseRecognizer.

The stock recognizer matches nearly any letter-digit mix or run of 6-14 digits (its patterns are also
compiled case-insensitively), so order numbers, years and postcodes become licences whenever a word
like "identification" is near. No format is distinctive across the fifty states, so here a licence
number is an upper-case id with digits that follows a licence word closely ("DL", "driver's license
number is ...").
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from detectors.recognizers.base import ContextualRecognizer

_LICENCE_WORDS = re.compile(
    r"(?<![^\W_])(?:driver'?s?|driving|dl|dln|cdl|lic|licen[cs]e)(?![^\W_])", re.IGNORECASE
)

_CLAUSE_BREAK = re.compile(r"[,;!?\n]")


class UsDriverLicenseRecognizer(ContextualRecognizer):
    ENTITY = "US_DRIVER_LICENSE"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "licence number after a licence word",
            r"(?<![\w-])(?-i:[A-Z]{0,2}\d(?:-?\d){4,14}[A-Z]{0,2}|[A-Z]{1,2}(?:-?\d){4,14})(?![\w-])",
            0.65,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["driver", "license", "licence", "driving", "dl"]
    REQUIRED_CONTEXT = _LICENCE_WORDS
    NEEDS_CONTEXT = frozenset({"licence number after a licence word"})
    BEFORE = 40
    AFTER = 0
    REASON = "driver's licence number"

    def context_near(self, text: str, start: int, end: int) -> bool:
        """A licence word shortly before, in the same clause ("licence expired, call 1234567" is no hit)."""
        clause = _CLAUSE_BREAK.split(text[max(0, start - self.BEFORE) : start])[-1]
        return _LICENCE_WORDS.search(clause) is not None
    GATE = re.compile(r"driv|lic|dl", re.IGNORECASE)
