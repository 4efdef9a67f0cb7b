"""Lexicon compilation: one trie regex per term list, whole words, plurals, loose spelling, longest match."""

from __future__ import annotations

import pytest

from detectors.lexicon import canonical, compile_terms, plurals, read_terms


@pytest.mark.parametrize(("term", "plural"), [("neuropathy", "neuropathies"), ("psychosis", "psychoses"),
                                              ("lymphoma", "lymphomas"), ("tumour", "tumours")])
def test_plurals(term: str, plural: str) -> None:
    assert plural in plurals(term)
    assert compile_terms([term]).fullmatch(plural)


def test_terms_match_whole_words_only() -> None:
    pattern = compile_terms(["flu", "Alzheimer's"])
    assert pattern.search("influence") is None
    matches = [m.group() for m in pattern.finditer("Alzheimers and alzheimer’s")]
    assert matches == ["Alzheimers", "alzheimer’s"]


@pytest.mark.parametrize("text", ["A-fib", "a fib", "afib", "AFIB"])
def test_separators_are_optional(text: str) -> None:
    assert compile_terms(["a-fib"]).fullmatch(text)


def test_the_longest_spelling_wins_whatever_the_spelling_of_the_shorter_term() -> None:
    pattern = compile_terms(["insulin dependent", "insulin-dependent diabetes"])
    found = [match.group() for match in pattern.finditer("with insulin-dependent diabetes since")]
    assert found == ["insulin-dependent diabetes"]


def test_canonical_form_joins_spellings() -> None:
    assert canonical("e. coli") == canonical("e coli") == canonical("e-coli")
    assert canonical("crohn's") == canonical("crohns")


def test_case_sensitive_terms_keep_their_case() -> None:
    pattern = compile_terms(["AIDS"], case_sensitive=True, with_plurals=False)
    assert pattern.search("it aids digestion") is None
    assert pattern.search("living with AIDS") is not None


def test_every_data_file_reads_without_blank_or_comment_terms() -> None:
    for name in ("medical_conditions.txt", "medications.txt", "religion_terms.txt", "trade_unions.txt"):
        terms = read_terms(name)
        assert terms
        assert all(term.strip() == term and not term.startswith("#") for term in terms)
