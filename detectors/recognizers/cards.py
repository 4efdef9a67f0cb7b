"""Payment card numbers, replacing Presidio's CreditCardRecognizer.

The stock pattern only knows 13-16 digit numbers starting 3, 4, 5 or 6, so it misses 19-digit Visa,
2-series Mastercard (2221-2720), 15-digit JCB (2131, 1800) and 12-19 digit Maestro numbers. Here any run
of 12 to 19 digits (optionally grouped by spaces or dashes) that passes the Luhn checksum counts when
its length and prefix fit a known card scheme, or when a card word ("card", "cc", "visa") is near it.
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern, RecognizerResult

from detectors.recognizers.base import ContextualRecognizer, words_pattern

CARD_WORDS: tuple[str, ...] = (
    "card", "cards", "credit", "debit", "cc", "visa", "mastercard", "amex", "american express", "discover",
    "jcb", "diners", "maestro", "unionpay", "payment", "charge", "billing",
)

SCHEMES: tuple[tuple[str, frozenset[int]], ...] = (
    (r"4", frozenset({13, 16, 19})),
    (r"5[1-5]|2(?:2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)", frozenset({16})),
    (r"3[47]", frozenset({15})),
    (r"3(?:0[0-5]|[689])", frozenset({14, 16, 19})),
    (r"6(?:011|5|4[4-9])", frozenset({16, 19})),
    (r"35(?:2[89]|[3-8]\d)", frozenset({16, 19})),
    (r"2131|1800", frozenset({15})),
    (r"62", frozenset({16, 17, 18, 19})),
    (r"5[06-9]|6\d", frozenset(range(13, 20))),
)
"""Issuer prefixes and the lengths each scheme issues (ISO/IEC 7812 ranges as published by the schemes)."""

_SCHEMES = tuple((re.compile(prefix), lengths) for prefix, lengths in SCHEMES)


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) checksum every payment card number carries."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def known_scheme(digits: str) -> bool:
    return any(prefix.match(digits) and len(digits) in lengths for prefix, lengths in _SCHEMES)


class PaymentCardRecognizer(ContextualRecognizer):
    ENTITY = "CREDIT_CARD"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("card number", r"(?<![\w-])\d(?:[ -]?\d){11,18}(?![\d-]|[.,]\d)", 0.5),
    ]
    CONTEXT: ClassVar[list[str]] = ["credit", "card", "visa", "mastercard", "amex", "debit"]
    REQUIRED_CONTEXT = words_pattern(CARD_WORDS)
    REASON = "payment card number"
    GATE = re.compile(r"\d(?:[ -]?\d){11}", re.IGNORECASE)

    def refine(self, text: str, result: RecognizerResult) -> RecognizerResult | None:
        candidate = text[result.start : result.end]
        digits = re.sub(r"\D", "", candidate)
        if not luhn_valid(digits) or len(set(digits)) == 1 or not _consistent_groups(candidate):
            return None
        if known_scheme(digits):
            result.score = 1.0
            result.recognition_metadata["reason"] = "card number: known issuer prefix, Luhn checksum valid"
            return result
        if self.context_near(text, result.start, result.end):
            result.score = 0.9
            result.recognition_metadata["reason"] = "card number: Luhn checksum valid, next to a card word"
            return result
        return None


def _consistent_groups(candidate: str) -> bool:
    """Grouped numbers use one separator and groups of 4-6 digits (the last may be shorter)."""
    separators = set(re.findall(r"[ -]", candidate))
    if not separators:
        return True
    if len(separators) > 1:
        return False
    groups = re.split(r"[ -]", candidate)
    return all(3 <= len(group) <= 6 for group in groups[:-1]) and 1 <= len(groups[-1]) <= 7
