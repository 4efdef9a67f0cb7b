"""Word-start gates: a text without one of a regex's needed words never matches it; others may."""

from __future__ import annotations

import _sre
import re
import sys
from re._casefix import _EXTRA_CASES

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.lexicon import compile_terms
from detectors.recognizers.special import ReligionRecognizer
from detectors.wordstarts import FOLDED, WHOLE, may_match, needed_words, text_words

TERMS = compile_terms(["Muslim", "the Catholic Church", "Sikh", "No", "Baha'i", "tax file number"])


def test_each_alternative_needs_its_longest_word() -> None:
    """Whole where the regex ends the word (its look-ahead excludes letters), else its first characters."""
    words = needed_words(TERMS)
    assert words is not None
    whole = {word + WHOLE for word in ("muslim", "sikh", "no", "bahai", "number")}
    assert {"catholi", *whole} <= words
    assert not {"the", "the" + WHOLE, "tax", "tax" + WHOLE, "no"} & words


SHORT = compile_terms(["D&C", "the big C", "IVF", "the runs"])
QUEBECOIS = compile_terms(["Québécois", "Sikh"])


def test_a_short_word_ended_by_punctuation_or_space_is_needed_whole() -> None:
    """"d" in "D&C" and "big" in "the big C" end before a character that is no letter, "ivf" before the
    look-ahead that excludes one: the text must hold those words whole. "the" is a little word, taken only
    where there is no other ("the runs" takes "runs")."""
    words = needed_words(SHORT)
    assert words is not None
    assert {"d" + WHOLE, "big" + WHOLE, "ivf" + WHOLE, "runs" + WHOLE} <= words
    assert not {"d", "big", "ivf", "the", "the" + WHOLE} & words


def test_a_look_ahead_that_lets_an_apostrophe_follow_ends_a_word_the_text_splits_there_too() -> None:
    """`no(?!\\w)` matches the "no" of "no's"; the text's words hold it whole, read up to the apostrophe."""
    pattern = re.compile(r"(?<!\w)no(?!\w)", re.IGNORECASE)
    assert needed_words(pattern) == {"no" + WHOLE}
    assert pattern.search("it's a no's land") and may_match("it's a no's land", needed_words(pattern))
    assert not may_match("nothing now", needed_words(pattern))


@pytest.mark.parametrize(("text", "passes"), [
    ("had a D&C today", True), ("bigger dogs", False), ("the big c", True), ("the dog's bigness", False),
    ("d'big cat", True), ("the run", False), ("big_d", True),
])
def test_whole_short_words_are_read_from_the_text(text: str, passes: bool) -> None:
    assert may_match(text, needed_words(SHORT)) is passes
    if SHORT.search(text):
        assert passes


@pytest.mark.parametrize("text", [
    "As a practising MUSLIM, I fast", "the catholic-church", "x'Sikh", "No.", "the Baha’i faith",
    "my Tax File Number", "bahai",
])
def test_a_text_the_regex_matches_holds_a_word(text: str) -> None:
    if TERMS.search(text):
        assert may_match(text, needed_words(TERMS))


@pytest.mark.parametrize("text", ["Catholicism", "Catholics"])
def test_near_misses_that_share_a_word_still_go_to_the_regex(text: str) -> None:
    assert may_match(text, needed_words(TERMS))
    assert TERMS.search(text) is None


@pytest.mark.parametrize("text", ["the church is near", "musical", "tax files", "c a t h o l i c", "mus-lim",
                                  "Sikhism", "nobody", "my tax file numbering"])
def test_texts_without_a_needed_word_are_skipped(text: str) -> None:
    assert not may_match(text, needed_words(TERMS))
    assert TERMS.search(text) is None


def test_characters_outside_ascii_end_words_unless_read_as_letters_or_apostrophes() -> None:
    words = text_words("café 🙂Muslim Baha’i \u212aid \u0130stanbul")
    assert {"caf" + WHOLE, "muslim" + WHOLE, "bahai" + WHOLE, "kid" + WHOLE, "istanbu"} <= words
    assert "caf" in words and "cafe" not in words
    assert may_match("a proud 🙂Muslim", needed_words(TERMS))
    assert not may_match("café crème", needed_words(TERMS))


def test_a_term_with_a_letter_outside_ascii_needs_the_word_up_to_it() -> None:
    """'é' ends a word of the text, so "Québécois" needs the longest of the words its 'é's may leave, or
    the ASCII spelling's start; a text without any of them cannot match."""
    pattern = re.compile(r"(?<!\w)(?:qu[eé]b[eé]cois)(?!\w)", re.IGNORECASE)
    assert needed_words(pattern) == {"quebeco", "queb" + WHOLE, "becois" + WHOLE, "cois" + WHOLE}
    words = needed_words(pattern)
    for text in ("un Québécois", "a Quebecois", "QUÉBÉCOIS!"):
        assert pattern.search(text) and may_match(text, words)
    assert not may_match("quiet québec", words)


def test_words_of_a_text_start_and_end_at_apostrophes_and_leave_them_out() -> None:
    words = text_words("I'm x'sikh_Kid")
    assert words is not None and {"im", "m", "xsikh", "sikh", "kid"} <= words and "sikh_" not in words
    assert {"i" + WHOLE, "im" + WHOLE, "m" + WHOLE, "x" + WHOLE, "sikh" + WHOLE, "kid" + WHOLE} <= words
    assert not {"sikhkid", "xs" + WHOLE, "k" + WHOLE} & words


@pytest.mark.parametrize("pattern", [
    r"muslim",  # no look-behind: may match inside a word
    r"(?<!\w)\w+",  # too wide to list
    r"(?<!\w)(?:-|x)",  # may match without a word
])
def test_regexes_that_cannot_be_bounded_have_no_words(pattern: str) -> None:
    assert needed_words(re.compile(pattern)) is None


def test_case_folds_are_those_of_re() -> None:
    words = needed_words(re.compile(r"(?<!\w)(?i:\u212aelvin)"))  # the Kelvin sign matches 'k'
    assert words is not None and "kelvin" in words


@given(st.text(alphabet=st.sampled_from(list("muslimcathonobkdgrunvf'’‘ -._&\néÉ🙂\u212a\u017f\u0131\u0130")),
               max_size=40))
def test_no_match_is_ever_skipped(text: str) -> None:
    for pattern in (TERMS, SHORT, ReligionRecognizer.GATE, QUEBECOIS):
        if pattern.search(text):
            assert may_match(text, needed_words(pattern))


def test_every_character_re_folds_onto_an_ascii_letter_is_read_as_that_letter() -> None:
    """What `re` matches ignoring case: equal lower cases, and its table of extra cases (dotless i)."""
    folds = {chr(code): chr(_sre.unicode_tolower(code)) for code in range(128, sys.maxunicode + 1)
             if _sre.unicode_tolower(code) < 128}
    folds |= {chr(other): chr(lower) for lower, others in _EXTRA_CASES.items() if lower < 128
              for other in others if other >= 128}
    assert folds == FOLDED
