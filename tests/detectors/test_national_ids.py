"""Country identifiers run for English (detectors/recognizers/national_ids.py): valid examples found,
digit-run ids only next to their name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.recognizers.national_ids import NATIONAL_IDS, IndianPanRecognizer, NationalIdRecognizer

RECOGNIZERS = {national.recognizer.__name__: NationalIdRecognizer(national) for national in NATIONAL_IDS}

VALID = [
    ("UkNinoRecognizer", "My national insurance number is AB 12 34 56 C.", "AB 12 34 56 C"),
    ("EsNifRecognizer", "Mi DNI: 12345678Z", "12345678Z"),
    ("EsNieRecognizer", "NIE X1234567L", "X1234567L"),
    ("ItFiscalCodeRecognizer", "codice fiscale RSSMRA85T10A562S", "RSSMRA85T10A562S"),
    ("SgFinRecognizer", "NRIC S1234567D", "S1234567D"),
    ("FiPersonalIdentityCodeRecognizer", "hetu 131052-308T", "131052-308T"),
    ("KrRrnRecognizer", "RRN 900101-1234568", "900101-1234568"),
    ("PlPeselRecognizer", "PESEL 44051401359", "44051401359"),
    ("AuTfnRecognizer", "my tax file number is 123 456 782", "123 456 782"),
    ("AuMedicareRecognizer", "medicare card 2123 45670 0", "2123 45670 0"),
    ("InAadhaarRecognizer", "aadhaar 2345 6789 0124", "2345 6789 0124"),
    ("InPassportRecognizer", "passport number A1234567", "A1234567"),
    ("InVoterRecognizer", "voter id ABC1234567", "ABC1234567"),
    ("ItPassportRecognizer", "passport YA1234567", "YA1234567"),
    ("ItIdentityCardRecognizer", "identity card CA12345AB", "CA12345AB"),
    ("ItDriverLicenseRecognizer", "driving licence AB1234567C", "AB1234567C"),
]


def found(name: str, text: str) -> list[str]:
    recognizer = RECOGNIZERS[name]
    return [text[r.start : r.end] for r in recognizer.analyze(text, recognizer.supported_entities, None)
            if r.score >= 0.4]


def test_every_configured_id_has_a_valid_example() -> None:
    assert {name for name, _, _ in VALID} == set(RECOGNIZERS)


@pytest.mark.parametrize(("name", "text", "value"), VALID)
def test_finds_valid_example(name: str, text: str, value: str) -> None:
    assert found(name, text) == [value]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("AuTfnRecognizer", "order 123 456 782 shipped"),
        ("InAadhaarRecognizer", "ticket 2345 6789 0124"),
        ("PlPeselRecognizer", "invoice 44051401359"),
        ("AuTfnRecognizer", "tax file number 123 456 789"),
        ("EsNifRecognizer", "DNI 12345678A"),
    ],
)
def test_unnamed_digit_runs_and_bad_checksums_are_ignored(name: str, text: str) -> None:
    assert found(name, text) == []


def test_indian_pan() -> None:
    recognizer = IndianPanRecognizer()
    text = "PAN ABCPD1234E, not ABCDE12345"
    assert [text[r.start : r.end] for r in recognizer.analyze(text, ["IN_PAN"], None)] == ["ABCPD1234E"]


def test_megabyte_of_digits_then_an_id() -> None:
    text = "1 12 123 A1 " * 85_000 + "PESEL 44051401359"
    assert found("PlPeselRecognizer", text) == ["44051401359"]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=120))
def test_never_raise(text: str) -> None:
    for recognizer in RECOGNIZERS.values():
        recognizer.analyze("passport tfn medicare " + text, recognizer.supported_entities, None)


@pytest.mark.parametrize(("name", "text", "value"), VALID)
def test_engine_gate_lets_valid_examples_through(name: str, text: str, value: str) -> None:
    assert RECOGNIZERS[name].might_match(text)


def test_fiscal_code_gate_needs_all_sixteen_characters() -> None:
    gate = RECOGNIZERS["ItFiscalCodeRecognizer"].might_match
    assert gate("codice fiscale RSSMRA85T10A562S") and not gate("codice fiscale RSSMRA85T10A562")
