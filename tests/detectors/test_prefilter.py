"""Gates read from regexes: a digit is required only where every match holds one."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.engine import DetectionEngine
from detectors.prefilter import _regex_gate, has_digit, needs_digit
from detectors.wordstarts import may_match


@pytest.mark.parametrize("pattern", [
    r"\d{8}", r"9\d\d", r"\d{3}[- .]\d|\d{9}", r"[13][a-z0-9]{25}", r"[a-z]{2}\d{2}", r"\d(?:[ -]?\d){11}",
])
def test_patterns_that_need_a_digit(pattern: str) -> None:
    assert needs_digit(re.compile(pattern, re.IGNORECASE))


@pytest.mark.parametrize("pattern", [
    r"\d\.\d|::", r"\d?x", r"(?:\d|x)y", r"[^0-9]", r"\d{0,3}", r"[a-z]{6}[\dlmnp-v]{2}", r"(?=\d)",
])
def test_patterns_that_may_match_without_one(pattern: str) -> None:
    assert not needs_digit(re.compile(pattern, re.IGNORECASE))


def test_unicode_digits_count() -> None:
    assert has_digit("call ٣٣٣") and not has_digit("no digits here")


@given(st.text(alphabet=st.sampled_from(list("ab19٣ -.:")), max_size=30))
def test_a_digit_gate_passes_every_text_its_regex_matches(text: str) -> None:
    for pattern in (r"\d{3}[- .]\d|\d{9}", r"[a-z]{2}\d{2}", r"\d\.\d{1,3}\.\d|[0-9a-f]:[0-9a-f]|::"):
        if re.search(pattern, text, re.IGNORECASE):
            assert _regex_gate(pattern)(text)


_NO_DIGIT_TEXTS = st.text(alphabet=st.sampled_from(list("abcdeghilmnoprstuvwxyzNHSPAN@#:/-.,' °")),
                          max_size=60)


@given(st.one_of(_NO_DIGIT_TEXTS, st.sampled_from([
    "my NHS number is", "born on the fourth of July", "lives at Main Street", "zip code please",
    "aged twenty", "passport number", "my PAN card", "lat long ° north", "call me on my mobile"])))
def test_a_gate_the_engine_skips_without_a_digit_is_false_without_one(engine: DetectionEngine,
                                                                     text: str) -> None:
    """The engine leaves out, for a text without a digit, the plans it marks `needs_digit` (engine
    `_Candidates`): each such gate must say no to every such text, whatever its own might_match reads."""
    skipped = [plan for plan in engine._english.plans if plan.needs_digit]
    assert skipped
    assert not [plan for plan in skipped if plan.gate is not None and plan.gate(text)]


_OUTSIDE_ASCII_TEXTS = st.text(alphabet=st.sampled_from(list("muslimcathonvtedrbk NHS'’é🙂\u212a\u017f")),
                               max_size=60)


@settings(deadline=None)  # the first text that reaches a gate compiles its regex (a third of a second)
@given(st.one_of(_NO_DIGIT_TEXTS, _OUTSIDE_ASCII_TEXTS, st.sampled_from([
    "my NHS number is 943 476 5919", "I'm a proud Muslim", "my sister Jo", "had a D&C", "on metformin",
    "my PESEL is 44051401359", "starting chemo", "I voted Labour", "tax file number 123 456 782",
    "I’m a proud Muslim 🙂", "🙂my brother is Québécois", "I voted Labour💪", "my \u212aids"])))
def test_a_gate_the_engine_skips_for_its_words_is_false_without_them(engine: DetectionEngine,
                                                                      text: str) -> None:
    """The engine asks a plan's gate only when the text has one of its gate words (`_Candidates`): each
    such gate must say no to every text without them."""
    worded = [plan for plan in engine._english.plans if plan.words is not None]
    assert len(worded) >= 15
    passed = [plan for plan in worded if plan.gate is not None and plan.gate(text)]
    assert all(may_match(text, plan.words) for plan in passed)
