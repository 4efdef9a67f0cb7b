"""Payment card numbers (detectors/recognizers/cards.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.recognizers.cards import PaymentCardRecognizer, known_scheme, luhn_valid

RECOGNIZER = PaymentCardRecognizer()


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in RECOGNIZER.analyze(text, ["CREDIT_CARD"], None)]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("visa 4111 1111 1111 1111", "4111 1111 1111 1111"),
        ("4111-1111-1111-1111", "4111-1111-1111-1111"),
        ("amex 378282246310005", "378282246310005"),
        ("My card 4131034282458809939 is expiring", "4131034282458809939"),
        ("mastercard 2720418695252980", "2720418695252980"),
        ("jcb 213176828496175", "213176828496175"),
        ("card number 630427373398 is lost", "630427373398"),
        ("ref 5555555555554444 paid", "5555555555554444"),
    ],
)
def test_finds_card_numbers(text: str, number: str) -> None:
    assert found(text) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "order 4111111111111112",
        "ref 060426070011 sent",
        "tracking 0000000000000000",
        "licence U62928788557186",
        "4111 1111-1111 1111",
        "phone 503 555 0142 555",
    ],
)
def test_leaves_other_numbers(text: str) -> None:
    assert found(text) == []


def test_checksum_and_schemes() -> None:
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    assert known_scheme("4111111111111111") and not known_scheme("9111111111111111")


def test_megabyte_of_digits_then_a_card() -> None:
    text = "4111 1111 1111 1111 1" * 50_000 + " visa 4111 1111 1111 1111"
    assert found(text)[-1] == "4111 1111 1111 1111"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789 -.,card", max_size=200) | st.text(max_size=200))
def test_never_raises_and_spans_are_inside(text: str) -> None:
    for result in RECOGNIZER.analyze(text, ["CREDIT_CARD"], None):
        assert 0 <= result.start < result.end <= len(text)
