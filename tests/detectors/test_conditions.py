"""Condition names beyond the lexicons: shapes, phrases, deficiencies, abbreviations, false friends."""

from __future__ import annotations

import pytest

from detectors.recognizers.conditions import (
    Candidate,
    abbreviation_candidates,
    deficiency_candidates,
    guarded,
    inside_address,
    merged,
    phrase_candidates,
    shape_candidates,
    with_modifiers,
)


def spans(text: str, candidates: list[Candidate]) -> list[str]:
    return [text[c.start:c.end] for c in candidates]


@pytest.mark.parametrize(("text", "expected"), [
    ("a case of spondylitis", ["spondylitis"]),
    ("her leiomyosarcomas grew", ["leiomyosarcomas"]),
    ("signs of hypercalcemia", ["hypercalcemia"]),
    ("my diploma, the aroma and a diagnosis", []),
    ("The sangoma guy", []),
])
def test_shapes(text: str, expected: list[str]) -> None:
    assert spans(text, shape_candidates(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("he has Wolfram syndrome", ["Wolfram syndrome"]),
    ("two cancers in human tumours", []),
    ("imposter syndrome and civil disorder", []),
    ("brain abnormalities were seen", ["brain abnormalities"]),
    ("apparent abnormalities", []),
])
def test_phrases(text: str, expected: list[str]) -> None:
    assert spans(text, phrase_candidates(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Huntington's DISEASE", ["Huntington's DISEASE"]),  # the head-word gate lets it through in any case
    ("rare diseased trees", []),  # shares the head's first letters: the regex decides
    ("nothing medical", []),  # no head word: the regex is not run
])
def test_phrase_heads_gate(text: str, expected: list[str]) -> None:
    assert spans(text, phrase_candidates(text)) == expected


def test_deficiency_needs_its_word() -> None:
    assert deficiency_candidates("HPRT-Deficient cells, in capitals") == []
    assert spans("x HPRT-deficient", deficiency_candidates("x HPRT-deficient")) == ["HPRT-deficient"]


def test_deficiencies_either_way_round() -> None:
    text = "HPRT-deficient cells and a deficiency of aspartoacylase, not enzyme-deficient ones"
    assert spans(text, deficiency_candidates(text)) == ["HPRT-deficient", "deficiency of aspartoacylase"]


def test_an_abbreviation_defined_after_a_condition_is_followed() -> None:
    text = "The Schwartz-Jampel syndrome (SJS; chondrodystrophic myotonia) is rare. SJS is recessive."
    found = phrase_candidates(text)
    assert spans(text, abbreviation_candidates(text, found)) == ["SJS", "SJS"]


def test_modifiers_that_belong_to_the_name_are_kept() -> None:
    text = "chronic nonspherocytic hemolytic anemia"
    start = text.index("anemia")
    widened = with_modifiers(text, Candidate(start, len(text), 0.6, "x"))
    assert text[widened.start:widened.end] == text


def test_overlapping_candidates_merge_with_the_best_reason() -> None:
    candidates = [Candidate(0, 10, 0.5, "low"), Candidate(5, 20, 0.6, "high"), Candidate(30, 35, 0.4, "far")]
    assert [(c.start, c.end, c.reason) for c in merged(candidates)] == [(0, 20, "high"), (30, 35, "far")]


@pytest.mark.parametrize(("text", "term", "expected"), [
    ("As a Cancer, my moon is in Leo", "Cancer", True),
    ("Cancer research is underfunded", "Cancer", False),
    ("The Great Depression", "Depression", True),
    ("my depression is back", "depression", False),
])
def test_false_friends(text: str, term: str, expected: bool) -> None:
    start = text.index(term)
    assert guarded(text, start, start + len(term)) is expected


def test_hits_inside_addresses() -> None:
    text = "see https://www.lupus.example/ or mail lupus@example.org, but lupus is real"
    assert inside_address(text, text.index("lupus"), text.index("lupus") + 5)
    assert not inside_address(text, text.rindex("lupus"), text.rindex("lupus") + 5)
