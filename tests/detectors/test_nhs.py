"""UK NHS numbers only near an NHS word (detectors/recognizers/nhs.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.recognizers.nhs import NhsNumberRecognizer

RECOGNIZER = NhsNumberRecognizer()


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in RECOGNIZER.analyze(text, ["UK_NHS"], None)]


def test_finds_nhs_number_named_as_such() -> None:
    assert found("My NHS number is 943 476 5919.") == ["943 476 5919"]


def test_us_phone_that_passes_the_checksum_is_no_nhs_number() -> None:
    assert RECOGNIZER.validate_result("212-555-0199")
    assert found("Call 212-555-0199 for the booking") == []


def test_invalid_checksum_is_ignored_even_when_named() -> None:
    assert found("NHS number 943 476 5918") == []


def test_gate_needs_an_nhs_word() -> None:
    assert RECOGNIZER.might_match("see your GP") and not RECOGNIZER.might_match("call 212-555-0199")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_never_raises(text: str) -> None:
    RECOGNIZER.analyze("NHS " + text, ["UK_NHS"], None)
