"""Whole-word gates: a text without one of a regex's first words never matches it; others may."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.recognizers.family import FamilyMemberRecognizer
from detectors.wholewords import opens_a_word, text_tokens, whole_words

KIN = re.compile(r"(?<![\w])(?:(?:mother|son)-in-law|sons?|fianc[ée]e?|kid|best\s+friend)(?![\w])",
                 re.IGNORECASE)


def test_each_way_of_matching_gives_its_first_word() -> None:
    words = whole_words(KIN)
    assert words is not None
    assert words.words == frozenset({"mother", "son", "sons", "fiance", "fiancee", "kid", "best"})
    assert words.underscore


@pytest.mark.parametrize("text", [
    "my SON", "my mother-in-law", "the Fiancee's car", "our kid.", "my best  friend",
])
def test_a_text_the_regex_matches_holds_a_word(text: str) -> None:
    words = whole_words(KIN)
    assert KIN.search(text) and words is not None and words.may_match(text)


@pytest.mark.parametrize("text", ["a song", "kidding", "my_son", "grandson", "bestie", "no kin at all"])
def test_texts_without_a_whole_word_are_skipped(text: str) -> None:
    words = whole_words(KIN)
    assert words is not None and not words.may_match(text)
    assert KIN.search(text) is None


def test_non_ascii_texts_always_go_to_the_regex() -> None:
    words = whole_words(KIN)
    assert text_tokens("my fiancée", True) is None
    assert words is not None and words.may_match("my fiancée")


def test_an_underscore_splits_words_only_where_the_look_arounds_allow_it() -> None:
    words = whole_words(re.compile(r"(?<![^\W_])(?:son)(?![^\W_])"))
    assert words is not None and not words.underscore and words.may_match("my_son")


@pytest.mark.parametrize("pattern", [
    r"(?<!\w)son",  # no look-ahead: may match the start of a longer word
    r"son(?!\w)",  # no look-behind
    r"(?<!\w)\w+(?!\w)",  # unbounded
    r"(?<!\w)(?:-|son)(?!\w)",  # may match without a word
    r"(?<!\w)(?:son)(?![a-z])",  # the look-ahead lets a digit continue the word
])
def test_regexes_that_cannot_be_listed_have_no_words(pattern: str) -> None:
    assert whole_words(re.compile(pattern)) is None


@given(st.text(alphabet=st.sampled_from(list("sonmtherlwkidfacébt_-'’ .\n")), max_size=40))
def test_no_match_is_ever_skipped(text: str) -> None:
    for pattern in (KIN, FamilyMemberRecognizer.GATE):
        words = whole_words(pattern)
        if pattern.search(text):
            assert words is not None and words.may_match(text)


@pytest.mark.parametrize(("pattern", "opens"), [
    (r"\bI\s+am", True),
    (r"(?:\bmy|\bour)\s+\w+", True),
    (r"(?<![\w@#])x", True),
    (r"\b(?:I|we|[0-9]+)", True),
    (r"I\s+am", False),  # may start inside a word
    (r"\b\s*x", False),  # \b before a space is the end of a word
    (r"(?:^|(?<=\.))\s*Dear", False),
    (r"\b\w", False),  # an underscore is no letter
    (r"(?:\bmy|our)", False),
])
def test_what_opens_a_word(pattern: str, opens: bool) -> None:
    assert opens_a_word(re.compile(pattern)) is opens
