"""Birth dates and ages (detectors/recognizers/birth.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.engine import DetectionEngine
from detectors.recognizers.birth import AgeRecognizer, DateOfBirthRecognizer

BIRTH = DateOfBirthRecognizer()
AGE = AgeRecognizer()


def found(text: str) -> list[tuple[str, str, bool]]:
    results = BIRTH.analyze(text, ["DATE_OF_BIRTH"], None) + AGE.analyze(text, ["AGE"], None)
    return [(r.entity_type, text[r.start : r.end], r.recognition_metadata["first_person"]) for r in results]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I was born on 14 March 1988.", ("DATE_OF_BIRTH", "14 March 1988", True)),
        ("DOB: 03/14/1988", ("DATE_OF_BIRTH", "03/14/1988", False)),
        ("my birthday is March 14", ("DATE_OF_BIRTH", "March 14", True)),
        ("She was born in 1988", ("DATE_OF_BIRTH", "1988", False)),
        ("born on the 4th of July, 1990", ("DATE_OF_BIRTH", "4th of July, 1990", False)),
        ("Date of birth: 1988-03-14", ("DATE_OF_BIRTH", "1988-03-14", False)),
        ("I'm 34", ("AGE", "34", True)),
        ("I am 34 years old", ("AGE", "34", True)),
        ("aged 34", ("AGE", "34", False)),
        ("he is 34yo", ("AGE", "34", False)),
        ("a 34-year-old nurse", ("AGE", "34", False)),
        ("i'm 31 y/o.", ("AGE", "31", True)),
        ("My father retired at the age of 61", ("AGE", "61", False)),
        ("I turned 40 yesterday", ("AGE", "40", True)),
        ("turning 40 on Friday", ("AGE", "40", False)),
        ("Written when he was 78.", ("AGE", "78", False)),
    ],
)
def test_finds_birth_dates_and_ages(text: str, expected: tuple[str, str, bool]) -> None:
    assert found(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "I'm 5 minutes away",
        "turned 90 degrees",
        "I am 100% sure",
        "I have 3 kids",
        "I am 200 years old",
        "the meeting on 14 March 1988",
        "I'm 6 feet tall",
        "we turned 3 pages",
    ],
)
def test_leaves_other_numbers_and_dates(text: str) -> None:
    assert found(text) == []


def test_megabyte_of_near_misses_then_an_age() -> None:
    text = "I'm 5 km born 1 turn 9 degrees " * 33_000 + "I'm 34."
    assert found(text)[-1] == ("AGE", "34", True)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789 I'm yearsold-born DOB:/.,\n", max_size=200) | st.text(max_size=200))
def test_never_raises_and_spans_are_inside(text: str) -> None:
    for _, value, _ in found(text):
        assert value and value in text


def test_engine_birth_date_wins_over_date_time(engine: DetectionEngine) -> None:
    text = "I was born on 14 March 1988 in Leeds."
    entities = [(s.entity, text[s.start : s.end], s.first_person) for s in engine.analyze(text)]
    assert ("DATE_OF_BIRTH", "14 March 1988", True) in entities
    assert not any(entity == "DATE_TIME" for entity, _, _ in entities)
