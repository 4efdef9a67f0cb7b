"""Phone numbers in written forms (detectors/recognizers/phone.py), and what must not pass for one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.engine import DetectionEngine
from detectors.recognizers.phone import PhoneNumberRecognizer

RECOGNIZER = PhoneNumberRecognizer()


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in RECOGNIZER.analyze(text, ["PHONE_NUMBER"], None)]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Call me at (503) 555-0142 tonight", "(503) 555-0142"),
        ("503.555.0142", "503.555.0142"),
        ("reach me on 503-555-0142.", "503-555-0142"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
        ("001-503-555-0142x123", "001-503-555-0142x123"),
        ("Desk: +1-903-140-4508 ext. 769", "+1-903-140-4508 ext. 769"),
        ("+46 (0)8 928 571 38 fax", "+46 (0)8 928 571 38"),
        ("0044 20 7946 0958", "0044 20 7946 0958"),
        ("020 7946 0958", "020 7946 0958"),
        ("Phone:\n60-56-85-91", "60-56-85-91"),
        ("Can someone call me on 450 0840?", "450 0840"),
        ("Mobile: 0341 8387176", "0341 8387176"),
        ("Fax: 9498777106", "9498777106"),
        ("07700 063 966-Fax", "07700 063 966"),
    ],
)
def test_finds_phone_numbers(text: str, number: str) -> None:
    assert found(text) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "I'm 5 minutes away",
        "order 1234567 shipped",
        "Date: 2003-08-28 12:13:52",
        "call 14/03/1988",
        "call 14.03.88 ok",
        "server 192.168.1.1 phone",
        "45.5118, -122.5941",
        "SSN 078-05-1120, phone it in",
        "card 4111 1111 1111 1111, call",
        "version 1.2.3 released",
        "In 2019 we sold 4500 units",
    ],
)
def test_leaves_other_numbers(text: str) -> None:
    assert found(text) == []


def test_reason_names_the_form() -> None:
    result = RECOGNIZER.analyze("+44 20 7946 0958", ["PHONE_NUMBER"], None)[0]
    assert result.recognition_metadata["reason"] == "phone number in international form"


def test_megabyte_of_digit_groups_then_a_number() -> None:
    text = "1 2-3.4 (5) " * 90_000 + " call (503) 555-0142"
    assert found(text)[-1] == "(503) 555-0142"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789 -.()+x#extaphone:\n°", max_size=200) | st.text(max_size=200))
def test_never_raises_and_spans_are_inside(text: str) -> None:
    for result in RECOGNIZER.analyze(text, ["PHONE_NUMBER"], None):
        assert 0 <= result.start < result.end <= len(text)


def test_engine_prefers_phone_over_uk_nhs(engine: DetectionEngine) -> None:
    spans = engine.analyze("Call our office at 212-555-0199 before noon.")
    assert [(s.entity, s.start, s.end) for s in spans if s.entity in {"PHONE_NUMBER", "UK_NHS"}] == [
        ("PHONE_NUMBER", 19, 31)
    ]


def test_fraction_of_a_timestamp_is_no_phone_number() -> None:
    assert found("Date: 2021-01-03 17:52:08.765038\nName: Ed\nPhone: 961 52 200") == ["961 52 200"]
