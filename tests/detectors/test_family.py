"""Named family members (detectors/recognizers/family.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.engine import DetectionEngine
from detectors.recognizers.family import FamilyMemberRecognizer

RECOGNIZER = FamilyMemberRecognizer()


def found(text: str) -> list[tuple[str, str]]:
    return [(text[r.start : r.end], r.recognition_metadata["reason"])
            for r in RECOGNIZER.analyze(text, ["FAMILY_MEMBER"], None)]


@pytest.mark.parametrize(
    ("text", "name", "relation"),
    [
        ("Proud of my daughter Emma today", "Emma", "daughter"),
        ("my husband, Tom, said no", "Tom", "husband"),
        ("our son Liam starts school", "Liam", "son"),
        ("my little sister Anna-Marie", "Anna-Marie", "sister"),
        ("my 5 year old son Jack", "Jack", "son"),
        ("My dad Bob's car", "Bob", "dad"),
        ("my mother-in-law Joan", "Joan", "mother-in-law"),
    ],
)
def test_finds_named_relatives(text: str, name: str, relation: str) -> None:
    assert found(text) == [(name, f"named family member ({relation})")]


@pytest.mark.parametrize(
    "text",
    ["my mom Friday", "My son Is", "my daughter's school", "my son. He", "his daughter Emma",
     "my brother and I", "my kids The", "our cousin in Paris"],
)
def test_leaves_unnamed_relatives(text: str) -> None:
    assert found(text) == []


def test_first_person_is_marked() -> None:
    result = RECOGNIZER.analyze("my daughter Emma", ["FAMILY_MEMBER"], None)[0]
    assert result.recognition_metadata["first_person"] is True


def test_megabyte_of_my_relatives_then_a_name() -> None:
    text = "my son my little big sister my " * 33_000 + "my daughter Emma"
    assert found(text) == [("Emma", "named family member (daughter)")]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="my our son daughter EmaT,.-'", max_size=200) | st.text(max_size=200))
def test_never_raises_and_spans_are_inside(text: str) -> None:
    for result in RECOGNIZER.analyze(text, ["FAMILY_MEMBER"], None):
        assert 0 <= result.start < result.end <= len(text)


def test_engine_reports_the_relative_as_family(engine: DetectionEngine) -> None:
    text = "Took my daughter Emma to the park."
    spans = [s for s in engine.analyze(text) if text[s.start : s.end] == "Emma"]
    assert [(s.entity, s.first_person) for s in spans] == [("FAMILY_MEMBER", True)]
