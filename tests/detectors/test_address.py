"""Street addresses and postal codes (detectors/recognizers/address.py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.engine import DetectionEngine
from detectors.recognizers.address import _EU_SUFFIXES, PostalCodeRecognizer, StreetAddressRecognizer

STREET = StreetAddressRecognizer()
POSTAL = PostalCodeRecognizer()


def found(text: str) -> list[tuple[str, str]]:
    results = STREET.analyze(text, ["STREET_ADDRESS"], None) + POSTAL.analyze(text, ["POSTAL_CODE"], None)
    return sorted((r.entity_type, text[r.start : r.end]) for r in results)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("I live at 1427 Alder Street, Portland, OR 97205 now", "1427 Alder Street, Portland, OR 97205"),
        ("1427 Alder Street, Apt 4B", "1427 Alder Street, Apt 4B"),
        ("Koskikatu 25", "Koskikatu 25"),
        ("Hauptstraße 5, 10115 Berlin", "Hauptstraße 5, 10115 Berlin"),
        ("The bus station is on Villacher Strasse 89", "Villacher Strasse 89"),
        ("12 rue de la Paix, 75002 Paris", "12 rue de la Paix, 75002 Paris"),
        ("Via Tasso 129", "Via Tasso 129"),
        ("ul. Narewska 94", "ul. Narewska 94"),
        ("send it to PO Box 287", "PO Box 287"),
        ("PSC 7589, Box 0572\nAPO AE 20040", "PSC 7589, Box 0572\nAPO AE 20040"),
        ("Our offices are located at 971 Kesk 53\n Suite 343\n Pärnu", "971 Kesk 53\n Suite 343"),
        ("Tilly lives at 10252 Μεγάλη Άμμος 184, ΠΑΦΟΣ", "10252 Μεγάλη Άμμος 184"),
        ("12 Main St. is closed", "12 Main St."),
    ],
)
def test_finds_street_addresses(text: str, address: str) -> None:
    assert ("STREET_ADDRESS", address) in found(text)


def test_uk_address_and_its_postcode() -> None:
    assert found("221B Baker Street, London NW1 6XE") == [
        ("POSTAL_CODE", "NW1 6XE"),
        ("STREET_ADDRESS", "221B Baker Street, London NW1 6XE"),
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [("ZIP: 3520", "3520"), ("my zip code is 35350", "35350"), ("postcode K1A 0B1", "K1A 0B1"),
     ("Canada H2X 1Y4", "H2X 1Y4"), ("Postal code: 90010-170", "90010-170"), ("ZIP: 7412 SL", "7412 SL")],
)
def test_finds_postal_codes(text: str, code: str) -> None:
    assert ("POSTAL_CODE", code) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "5 minutes down the road",
        "I walked 3 miles on Main Street",
        "During 1971, Mayo-Walters invested heavily",
        "via email 5 times",
        "Dr. Smith saw 5 patients",
        "I met Taylor Swift 2 times",
        "We sold 35350 units",
        "Version 2 Way",
    ],
)
def test_leaves_other_text(text: str) -> None:
    assert found(text) == []


def test_megabyte_of_capitalised_words_and_numbers_then_an_address() -> None:
    text = "1 Alder Main Oak Elm Birch " * 38_000 + "I live at 1427 Alder Street."
    assert found(text)[-1] == ("STREET_ADDRESS", "1427 Alder Street")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789 ,.\nAaBbStreetViaPOBox", max_size=200) | st.text(max_size=200))
def test_never_raises_and_spans_are_inside(text: str) -> None:
    for _, value in found(text):
        assert value and value in text


def test_engine_reports_the_address_not_its_pieces(engine: DetectionEngine) -> None:
    text = "Please ship it to 1427 Alder Street, Portland, OR 97205 by Friday."
    entities = {(s.entity, text[s.start : s.end]) for s in engine.analyze(text)}
    assert ("STREET_ADDRESS", "1427 Alder Street, Portland, OR 97205") in entities
    assert not any(entity in {"LOCATION", "POSTAL_CODE", "DATE_TIME"} and "97205" in value
                   for entity, value in entities)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("20789 Allika 46\n Suite 501\n Riisa", "20789 Allika 46\n Suite 501"),
        ("808 Kálmán Imre u. 12.\n Apt. 762", "808 Kálmán Imre u. 12.\n Apt. 762"),
        ("0269 Stensås terrasse 38", "0269 Stensås terrasse 38"),
    ],
)
def test_multi_line_and_lower_case_street_words(text: str, address: str) -> None:
    assert ("STREET_ADDRESS", address) in found(text)


@pytest.mark.parametrize(
    "text",
    ["swiftscinema / Via Tumblr http://t.co/x", "shot from Rue Bourbon tonight",
     "What is 2 NE 1's best talent?", "My birthday is April 30 th"],
)
def test_leaves_tweet_near_misses(text: str) -> None:
    assert found(text) == []


def test_pieces_matched_by_several_patterns_make_one_address() -> None:
    text = "Our offices are located at 0583 283 Hickory Ridge Drive Apt. 237 Apt. 351, TØNSBERG"
    assert found(text) == [("STREET_ADDRESS", "0583 283 Hickory Ridge Drive Apt. 237 Apt. 351")]


EU_SUFFIX_GATE = StreetAddressRecognizer.PATTERN_GATES["street name with a street ending, house number"]
EU_SUFFIX_REGEX = re.compile(rf"(?:{_EU_SUFFIXES})[ \t]+\d", re.IGNORECASE)


@pytest.mark.parametrize(("text", "hit"), [
    ("Hauptstraße 5", True), ("HAUPTSTRASSE\t 12", True), ("Koskikatu 25", True), ("Str. 3", True),
    ("Hauptstraße, 5", False), ("Koskikatu\n25", False), ("katu five", False), ("5 Koskikatu", False),
])
def test_street_ending_gate_is_the_regex_searched_from_the_numbers(text: str, hit: bool) -> None:
    assert (EU_SUFFIX_GATE.search(text) is not None) == hit == (EU_SUFFIX_REGEX.search(text) is not None)


@given(st.text(alphabet=st.sampled_from(list("katuwegSTR.ß 5\t\n")), max_size=30))
def test_street_ending_gate_answers_as_the_regex(text: str) -> None:
    assert (EU_SUFFIX_GATE.search(text) is None) == (EU_SUFFIX_REGEX.search(text) is None)


@pytest.mark.parametrize(("text", "may"), [
    ("London NW1 6XE", True), ("Ottawa K1A 0B1", True), ("my zip is 97205", True), ("Postcode: 12345", True),
    ("see you at 5 for 2 beers", False), ("won 3-1 tonight", False), ("no digits at all", False),
])
def test_the_postal_gate_wants_a_capital_before_a_digit_or_a_postal_word(text: str, may: bool) -> None:
    assert POSTAL.might_match(text) is may
    if not may:
        assert POSTAL.analyze(text, ["POSTAL_CODE"]) == []
