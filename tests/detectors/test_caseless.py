"""Case-insensitive gates searched in the lower-cased text answer as the regex does, on any text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.caseless import CaselessGate, lower_case_only
from detectors.engine import DetectionEngine

GATES = [r"born|birth|d\.?o\.?b|b\.", r"driv|lic|dl", r"\d\.\d|°", r"@|u/|\.(?:com|app|tv|io|net)/",
         r"[a-z]{6}[\dlmnp-v]{2}[a-z\d]{8}", r"[^a-z]x", r"(?<!\w)is\b", r"k"]


@pytest.mark.parametrize("pattern", [r"[A-Z]\d", r"(?-i:[a-z])x", r"(a)\1", "\\u212a", "\u017f"])
def test_regexes_whose_case_matters_are_searched_as_they_are(pattern: str) -> None:
    assert not lower_case_only(re.compile(pattern, re.IGNORECASE))
    assert CaselessGate(re.compile(pattern, re.IGNORECASE)).lowered is None


@pytest.mark.parametrize("pattern", GATES)
def test_lower_case_gates_are_searched_lower_cased(pattern: str) -> None:
    assert CaselessGate(re.compile(pattern, re.IGNORECASE)).lowered is not None


_CHARACTERS = list("aBbDdOoRrNnIiTtHhLlVvKkSsXx.@/u1-° \u212a\u017f\u0131")
"""Letters of the gates in both cases, and the Kelvin sign, long s and dotless i, which fold onto ASCII."""


@given(st.text(alphabet=st.sampled_from(_CHARACTERS), max_size=30))
def test_a_caseless_gate_answers_as_its_regex(text: str) -> None:
    for pattern in GATES:
        compiled = re.compile(pattern, re.IGNORECASE)
        assert (CaselessGate(compiled).search(text) is None) is (compiled.search(text) is None)


def test_the_kelvin_sign_still_matches_k_in_non_ascii_text() -> None:
    assert CaselessGate(re.compile("k", re.IGNORECASE)).search("\u212a") is not None


@settings(deadline=None)  # the first texts compile recognizers' patterns
@given(st.text(alphabet=st.sampled_from(list("ABCabc019 .:-@/°éK")), max_size=40))
def test_the_engine_gates_answer_as_before(engine: DetectionEngine, text: str) -> None:
    """Each plan's gate, caseless or not, says yes to every text its recognizer finds something in."""
    for plan in engine._english.plans:
        if plan.gate is not None and not plan.gate(text):
            assert not plan.recognizer.analyze(text=text, entities=engine._entities, nlp_artifacts=None)
