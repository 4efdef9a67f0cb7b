"""US driver's licence numbers only after a licence word (detectors/recognizers/driver_license.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.recognizers.driver_license import UsDriverLicenseRecognizer

RECOGNIZER = UsDriverLicenseRecognizer()


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in RECOGNIZER.analyze(text, ["US_DRIVER_LICENSE"], None)]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("my driver's license number is 2270-66-1551", "2270-66-1551"),
        ("DL: D1234567", "D1234567"),
        ("Driving licence no. WA1234567", "WA1234567"),
    ],
)
def test_finds_licence_numbers(text: str, number: str) -> None:
    assert found(text) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "identification 1234567 order",
        "the license is MIT 2024",
        "order A12345 shipped",
        "my driver's license expired, call 1234567 later on today please",
        "licensed under Apache-2.0",
    ],
)
def test_leaves_other_ids(text: str) -> None:
    assert found(text) == []


def test_megabyte_then_a_licence() -> None:
    text = "A1234 b5678 " * 85_000 + "DL D1234567"
    assert found(text) == ["D1234567"]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_never_raises(text: str) -> None:
    for result in RECOGNIZER.analyze("driver license " + text, ["US_DRIVER_LICENSE"], None):
        assert result.end > result.start
