"""Cheap preconditions that let the engine skip recognizers which cannot match a text.

Presidio calls every recognizer on every text; on a tweet most of them (credit cards, IBANs, MAC
addresses...) cannot possibly match, yet each call costs tens of microseconds of Python. A gate is
a necessary condition for a recognizer to find anything (a digit run its patterns all require, an
'@'), tested with one precompiled regex. Gates never guess: a text that fails one would have
produced no result from that recognizer (tests/detectors/test_engine.py checks this against stock
Presidio). Our own recognizers declare their gate as a `might_match(text)` method.

Facts many gates share are read once per text and remembered for it: whether it holds a digit
(`has_digit`; a regex every match of which holds one is not searched in a text without) and its
word starts (`detectors.wordstarts`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from detectors.caseless import CaselessGate
from detectors.internals import parse_regex, sre

Gate = Callable[[str], bool]

_PRESIDIO_GATES: dict[str, str] = {
    # Presidio's patterns run with re.IGNORECASE, so the gates do too. Gates start with a rare character
    # where they can: a regex fails fastest on its first character.
    "CreditCardRecognizer": r"\d{4}[- ]?\d{3}",
    "UsBankRecognizer": r"\d{8}",
    "UsLicenseRecognizer": r"[a-z]\d|\d{6}",
    "UsItinRecognizer": r"9\d\d",
    "UsPassportRecognizer": r"\d{8}",
    "UsSsnRecognizer": r"\d{3}[- .]\d|\d{9}",
    "NhsRecognizer": r"\d{3}",
    "CryptoRecognizer": r"[13][a-z0-9]{25}",
    "DateRecognizer": r"\d[/.-]\d|\d-[a-z]{3}|[a-z]{3}-\d",
    "EmailRecognizer": r"@\w[\w.-]*\.\w",
    "IbanRecognizer": r"[a-z]{2}\d{2}",
    "IpRecognizer": r"\d\.\d{1,3}\.\d|[0-9a-f]:[0-9a-f]|::",
    "MedicalLicenseRecognizer": r"\d{7}",
    "MacAddressRecognizer": r"[:-][0-9a-f]{2}[:-]|\.[0-9a-f]{4}\.",
    "UuidRecognizer": r"-[0-9a-f]{4}-",
    "UrlRecognizer": r"[a-z0-9.-]\.[a-z]{2}",
}
"""Presidio's predefined recognizers (matched by class): a regex every one of their patterns implies."""

_DIGIT = re.compile(r"\d")
_ASCII_DIGITS = "0123456789"
PHONE_MIN_DIGITS = 4
"""The shortest valid national number in any region phonenumbers knows (DE, AT, ...) has 4 digits."""


def _phone_gate(text: str) -> bool:
    return any(found >= PHONE_MIN_DIGITS for found, _ in enumerate(_DIGIT.finditer(text), 1))


def domain_pattern(recognizer: EntityRecognizer) -> re.Pattern[str]:
    """A dot and one of the top-level domains Presidio's URL patterns list: every URL match holds one
    (the patterns themselves scan every position for up to 253 host characters, which costs
    milliseconds per text)."""
    alternatives = {_tld_group(pattern.regex) for pattern in getattr(recognizer, "patterns", [])}
    if len(alternatives) != 1 or None in alternatives:
        return re.compile(_PRESIDIO_GATES["UrlRecognizer"], re.IGNORECASE)
    return re.compile(r"[a-z0-9.-]\." + str(alternatives.pop()), re.IGNORECASE)


def _url_gate(recognizer: EntityRecognizer) -> Gate:
    compiled = CaselessGate(domain_pattern(recognizer))
    return lambda text: compiled.search(text) is not None


def _tld_group(regex: str) -> str | None:
    """The parenthesised alternation after the first `[.]` of a URL pattern."""
    start = regex.find("[.](?:")
    if start < 0:
        return None
    depth = 0
    for index in range(start + 3, len(regex)):
        depth += {"(": 1, ")": -1}.get(regex[index], 0)
        if depth == 0:
            return regex[start + 3 : index + 1]
    return None


def _regex_gate(pattern: str) -> Gate:
    compiled = re.compile(pattern, re.IGNORECASE)
    gate = CaselessGate(compiled)
    if needs_digit(compiled):
        return lambda text: has_digit(text) and gate.search(text) is not None
    return lambda text: gate.search(text) is not None


@lru_cache(maxsize=1)
def has_digit(text: str) -> bool:
    """Whether the text holds a digit (`\\d`). Remembered for the last text: most of its gates ask, and
    most tweets have none, so they are all answered by one search."""
    return _DIGIT.search(text) is not None


def needs_digit(pattern: re.Pattern[str]) -> bool:
    """Whether every match of `pattern` holds a digit: then a text without one is not searched.

    Read with `re`'s own parser: a digit, a class of digits only or `\\d`, not optional, on every branch.
    """
    return _needs_digit(parse_regex(pattern)[0])


def _needs_digit(items: list[tuple[Any, Any]]) -> bool:
    return any(_item_needs_digit(op, value) for op, value in items)


def _item_needs_digit(op: Any, value: Any) -> bool:
    if op is sre.LITERAL:
        return chr(value) in _ASCII_DIGITS
    if op is sre.IN:
        return bool(value) and all(_digits_only(member, argument) for member, argument in value)
    if op is sre.SUBPATTERN:
        return _needs_digit(list(value[3]))
    if op is sre.BRANCH:
        return all(_needs_digit(list(branch)) for branch in value[1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return bool(value[0] >= 1) and _needs_digit(list(value[2]))
    return False


def _digits_only(member: Any, argument: Any) -> bool:
    if member is sre.LITERAL:
        return chr(argument) in _ASCII_DIGITS
    if member is sre.RANGE:
        return chr(argument[0]) in _ASCII_DIGITS and chr(argument[1]) in _ASCII_DIGITS
    return member is sre.CATEGORY and argument is sre.CATEGORY_DIGIT


def gate_for(recognizer: EntityRecognizer) -> Gate | None:
    """The recognizer's text precondition, or None when it must always run."""
    declared = getattr(recognizer, "might_match", None)
    if callable(declared):
        return declared
    name = type(recognizer).__name__
    if not type(recognizer).__module__.startswith("presidio_analyzer."):
        return None
    if name == "PhoneRecognizer":
        return _phone_gate
    if name == "UrlRecognizer":
        return _url_gate(recognizer)
    if name in _PRESIDIO_GATES:
        return _regex_gate(_PRESIDIO_GATES[name])
    return None


def gate_needs_digit(recognizer: EntityRecognizer) -> bool:
    """Whether the recognizer's gate (`gate_for`) is false for every text without a digit: the engine
    then does not ask it about such texts, which are most tweets."""
    declared = getattr(recognizer, "gate_needs_digit", None)
    if isinstance(declared, bool):
        return declared
    if not type(recognizer).__module__.startswith("presidio_analyzer."):
        return False
    name = type(recognizer).__name__
    if name == "PhoneRecognizer":
        return True
    return name in _PRESIDIO_GATES and name != "UrlRecognizer" and \
        needs_digit(re.compile(_PRESIDIO_GATES[name], re.IGNORECASE))


def gate_words(recognizer: EntityRecognizer) -> frozenset[str] | None:
    """Word starts (see `detectors.wordstarts`) one of which every text the recognizer's gate
    (`gate_for`) lets through holds, if it declares them: the engine then checks all such recognizers
    against a text's words in one set intersection, and asks the gates of the few that share a word
    with it, instead of every gate in turn."""
    declared = getattr(recognizer, "gate_words", None)
    return declared if isinstance(declared, frozenset) else None


def reads_ner_entities_only(recognizer: EntityRecognizer) -> bool:
    """Recognizers that only turn spaCy's entities into results: nothing to do when spaCy found none."""
    return isinstance(recognizer, SpacyRecognizer) and type(recognizer).analyze is SpacyRecognizer.analyze
