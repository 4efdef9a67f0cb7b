"""The shared recognizer shape (detectors/recognizers/base.py): gates never hide a hit, overlaps merge."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.recognizers.address import PostalCodeRecognizer, StreetAddressRecognizer
from detectors.recognizers.base import ContextualRecognizer, _compiled, words_pattern
from detectors.recognizers.birth import AgeRecognizer, DateOfBirthRecognizer
from detectors.recognizers.cards import PaymentCardRecognizer
from detectors.recognizers.driver_license import UsDriverLicenseRecognizer
from detectors.recognizers.family import FamilyMemberRecognizer
from detectors.recognizers.geo import GeoCoordinatesRecognizer
from detectors.recognizers.national_ids import IndianPanRecognizer
from detectors.recognizers.online import UsernameRecognizer
from detectors.recognizers.phone import PhoneNumberRecognizer

RECOGNIZERS: list[ContextualRecognizer] = [
    PhoneNumberRecognizer(), PaymentCardRecognizer(), UsDriverLicenseRecognizer(), StreetAddressRecognizer(),
    PostalCodeRecognizer(), DateOfBirthRecognizer(), AgeRecognizer(), GeoCoordinatesRecognizer(),
    UsernameRecognizer(), FamilyMemberRecognizer(), IndianPanRecognizer(),
]
SAMPLES = [
    "Call me at (503) 555-0142, visa 4111 1111 1111 1111, DL: D1234567.",
    "I live at 1427 Alder Street, Apt 4B, Portland, OR 97205; ZIP: 97205; Hauptstraße 5; Via Tasso 129.",
    "I was born on 14 March 1988 and I'm 34; my daughter Emma is a 5-year-old.",
    "We are at 45.5118, -122.5941; follow @jane_doe or u/spez; PAN ABCPD1234E.",
]
ALPHABET = "0123456789 ,.-:/()+@°'\"\nAaBbCcDdEeMmSsTtUuVvXxyo"


def _gate_holds(recognizer: ContextualRecognizer, text: str) -> bool:
    found = recognizer.analyze(text, recognizer.supported_entities, None)
    return not found or recognizer.might_match(text)


@pytest.mark.parametrize("recognizer", RECOGNIZERS, ids=lambda r: type(r).__name__)
def test_every_recognizer_finds_something_in_the_samples_and_its_gate_agrees(
    recognizer: ContextualRecognizer,
) -> None:
    hits = [text for text in SAMPLES if recognizer.analyze(text, recognizer.supported_entities, None)]
    assert hits, "each recognizer has a sample"
    assert all(recognizer.might_match(text) for text in hits)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=120), st.sampled_from(SAMPLES))
def test_gates_never_hide_a_hit(noise: str, sample: str) -> None:
    text = noise + " " + sample[: len(noise) % len(sample)]
    for recognizer in RECOGNIZERS:
        assert _gate_holds(recognizer, text), type(recognizer).__name__


def test_every_hit_has_a_reason_and_a_first_person_flag() -> None:
    for recognizer in RECOGNIZERS:
        for text in SAMPLES:
            for result in recognizer.analyze(text, recognizer.supported_entities, None):
                assert result.recognition_metadata["reason"]
                assert isinstance(result.recognition_metadata["first_person"], bool)


def test_words_pattern_matches_whole_words_only() -> None:
    pattern = words_pattern(("call", "tel"))
    assert pattern.search("please CALL me") and pattern.search("tel: 123")
    assert not pattern.search("recall the hotel")


def test_registry_swaps_the_weak_stock_recognizers_for_ours() -> None:
    from detectors.recognizers import REPLACED_RECOGNIZERS, build_registry

    names = {str(recognizer.name) for recognizer in build_registry().recognizers}  # type: ignore[has-type]
    assert not names & set(REPLACED_RECOGNIZERS)
    assert {type(recognizer).__name__ for recognizer in RECOGNIZERS} <= names
    assert {"UkNinoRecognizer", "AuTfnRecognizer", "InAadhaarRecognizer", "KrRrnRecognizer"} <= names


AGE_SAMPLES = ["I'm 34", "im now 7", "She is 91 today", "he's 40 years", "turned 40", "will be 3",
               "when I was 12", "aged: 9", "at the age of 5", "5-year-old", "12 YRS old", "3 y/o",
               "Mia (3 months)", "died at 88", "nearly 60 now", "happy 40th", "21st birthday", "u r 18"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET + "’ihnrgwlp", max_size=40), st.sampled_from(SAMPLES + AGE_SAMPLES))
def test_pattern_gates_let_every_match_of_their_pattern_through(noise: str, sample: str) -> None:
    """A pattern whose gate says no is not run (ContextualRecognizer.analyze): the gate must say yes to
    every text the pattern matches."""
    for text in (noise + " " + sample, sample + noise):
        for recognizer in RECOGNIZERS:
            flags = int(recognizer.global_regex_flags or 0)
            for pattern in recognizer.PATTERNS:
                gate = recognizer.PATTERN_GATES.get(pattern.name)
                if gate is not None and _compiled(pattern, flags).search(text):
                    assert gate.search(text) is not None, (type(recognizer).__name__, pattern.name, text)
