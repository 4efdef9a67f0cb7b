"""Phone numbers in the forms people write them, replacing Presidio's PhoneRecognizer.

The stock recognizer asks python-phonenumbers to validate numbers for eight regions, so it misses
extensions, "(0)" trunk prefixes, "001-" dialling prefixes and most short local numbers ("call me on
450 0840"), and runs eight passes over every text. Here one regex finds anything shaped like a phone
number; then a number written internationally (+44 ..., 0044 ...) counts if phonenumbers finds it
possible, a North American number counts in its usual grouped forms ((503) 555-0142, 503.555.0142,
1-503-555-0142 x12), and any other grouping of 7 to 15 digits counts only next to a word such as
"phone", "call", "mobile" or "fax". Dates, IP addresses and SSN-shaped numbers are left alone.
"""

from __future__ import annotations

import re
from typing import ClassVar

import phonenumbers
from presidio_analyzer import Pattern, RecognizerResult

from detectors.recognizers.base import ContextualRecognizer, words_pattern

PHONE_WORDS: tuple[str, ...] = (
    "phone", "phones", "telephone", "tel", "ph", "mobile", "mob", "cell", "cellphone", "call", "calls",
    "calling", "called", "ring", "dial", "fax", "office", "desk", "home", "landline", "text", "texting",
    "sms", "message", "messages", "whatsapp", "signal", "telegram", "viber", "contact", "reach",
    "reached", "answering", "voicemail", "hotline", "helpline", "my number", "extension",
)
NATIONAL_REGIONS: tuple[str, ...] = ("GB", "IE", "DE", "FR", "NL", "IT", "ES", "AU", "IN", "NZ", "ZA")
"""Regions whose national numbers (leading 0) count without context when phonenumbers calls them valid."""

_EXTENSION = re.compile(r"\s?(?:x|ext\.?|extension|#)\s?\d{1,6}$", re.IGNORECASE)
_DATE = re.compile(
    r"(?<!\d)(?:(?:19|20)\d{2}[-./](\d{1,2})[-./](\d{1,2})|(\d{1,2})[-./](\d{1,2})[-./](?:19|20)?\d{2})(?!\d)"
)
_IP = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_SSN = re.compile(r"^\d{3}-\d{2}-\d{4}$")
_NANP = re.compile(r"^(?:\+?1[ .-]?)?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}$")
_INTERNATIONAL = re.compile(r"^(?:\+|00|011)")


class PhoneNumberRecognizer(ContextualRecognizer):
    ENTITY = "PHONE_NUMBER"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "phone-shaped number",
            r"(?<![\w@/+.-]|\d:)"
            r"(?:(?:\+|00|011)[ .-]?\d{1,3}[ .-]?)?"
            r"(?:\(\d{1,5}\)[ .-]?)?"
            r"\d{1,12}(?:[ .-]\d{1,10}){0,6}"
            r"(?:\s?(?:x|ext\.?|extension|#)\s?\d{1,6})?"
            r"(?![\w@]|[.-]\d|:\d)",
            0.5,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["phone", "telephone", "mobile", "cell", "call", "fax", "tel"]
    REQUIRED_CONTEXT = words_pattern(PHONE_WORDS)
    REASON = "phone number"
    GATE = re.compile(r"\d(?:[ .()-]{0,3}\d){6}", re.IGNORECASE)

    def refine(self, text: str, result: RecognizerResult) -> RecognizerResult | None:
        candidate = text[result.start : result.end]
        main = _EXTENSION.sub("", candidate)
        digits = re.sub(r"\D", "", main)
        if not 7 <= len(digits) <= 15 or _looks_like_date(main) or _IP.match(main) or _SSN.match(main):
            return None
        if _INTERNATIONAL.match(main) and _possible_international(main):
            return _scored(result, 0.75, "phone number in international form")
        if _NANP.match(main):
            return _scored(result, 0.6, "North American phone number")
        if digits.startswith("0") and _valid_national(main):
            return _scored(result, 0.5, "phone number in national form")
        if self.context_near(text, result.start, result.end):
            return _scored(result, 0.5, "number next to a phone word")
        return None


def _looks_like_date(number: str) -> bool:
    """True if the number holds a calendar date (2003-08-28, 14/03/1988), which no phone number is."""
    for match in _DATE.finditer(number):
        first, second = (int(group) for group in match.groups() if group is not None)
        if min(first, second) <= 12 and max(first, second) <= 31 and min(first, second) >= 1:
            return True
    return False


def _possible_international(number: str) -> bool:
    normalised = re.sub(r"^(?:00|011)[ .-]?", "+", number).replace("(0)", "")
    try:
        return bool(phonenumbers.is_possible_number(phonenumbers.parse(normalised, None)))
    except phonenumbers.NumberParseException:
        return False


def _valid_national(number: str) -> bool:
    for region in NATIONAL_REGIONS:
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(number, region)):
                return True
        except phonenumbers.NumberParseException:
            continue
    return False


def _scored(result: RecognizerResult, score: float, reason: str) -> RecognizerResult:
    result.score = score
    result.recognition_metadata["reason"] = reason
    return result
