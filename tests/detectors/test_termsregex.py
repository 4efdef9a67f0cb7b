"""Lexicon regexes searched in pieces (one per first character) find exactly what the whole regex finds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.lexicon import read_terms
from detectors.termsregex import PIECES_LIMIT, PIECES_TEXTS, TermsRegex, compile_every_whole

TERMS = ["flu", "flu shot", "Alzheimer's", "a-fib", "AF", "asthma", "Sjogren's syndrome", "s", "shingles",
         "Baha'i", "ibs", "IVF", "MS", "ms word", "11q deletion", "x"]


def _spans(found: TermsRegex | re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in found.finditer(text)]


def _whole(terms: TermsRegex) -> re.Pattern[str]:
    return re.compile(terms.source.pattern, terms.source.flags)


@pytest.mark.parametrize("case_sensitive", [False, True])
@pytest.mark.parametrize("text", [
    "I have asthma and the flu shot", "flu flu-shot flushot afib a fib A-Fib AF", "'s s's shingles'",
    "Baha’i Bahai baha'i", "Alzheimers alzheimer’s ALZHEIMER'S", "ms word MS-word msword",
    "x-x x_x 11q-deletion", "", "influenza, reflux, xfluy", "sjogrens syndrome and IBS",
])
def test_pieces_find_what_the_whole_regex_finds(text: str, case_sensitive: bool) -> None:
    terms = TermsRegex(TERMS, case_sensitive=case_sensitive)
    assert _spans(terms, text) == _spans(_whole(terms), text)


@given(st.text(alphabet=st.sampled_from(list("fluashotbiAFMSx'’ -._1q\né")), max_size=60))
def test_no_text_tells_the_pieces_from_the_whole(text: str) -> None:
    for case_sensitive in (False, True):
        terms = TermsRegex(TERMS, case_sensitive=case_sensitive)
        assert _spans(terms, text) == _spans(_whole(terms), text)


def test_a_short_text_compiles_only_the_pieces_it_needs() -> None:
    fresh = TermsRegex(["asthma", "diabetes", "migraine", "flu"])
    assert _spans(fresh, "I have asthma and live at 12 Elm Street") == [(7, 13)]
    assert fresh._whole is None


def test_texts_needing_many_pieces_or_not_ascii_switch_to_the_whole_regex() -> None:
    many = " ".join(term for term in ["asthma", "diabetes", "migraine", "flu", "gout", "rickets", "lupus"])
    assert len(many.split()) > PIECES_LIMIT
    for text in (many, "café asthma"):
        terms = TermsRegex(["asthma", "diabetes", "migraine", "flu", "gout", "rickets", "lupus"])
        assert _spans(terms, text) == _spans(_whole(terms), text)
        assert terms._whole is not None


def test_after_enough_texts_the_whole_regex_serves_every_text() -> None:
    terms = TermsRegex(["asthma", "flu"])
    for _ in range(PIECES_TEXTS):
        assert _spans(terms, "asthma") == [(0, 6)]
    assert terms._whole is None
    assert _spans(terms, "flu and asthma") == [(0, 3), (8, 14)]
    assert terms._whole is not None


@pytest.mark.parametrize(("files", "case_sensitive"), [
    (("medical_conditions.txt", "medical_conditions_rare.txt"), False),
    (("medical_abbreviations.txt",), True),
])
def test_the_real_lexicons_agree_on_real_posts(shared: Path, files: tuple[str, ...],
                                               case_sensitive: bool) -> None:
    path = shared / "bench" / "disclosures" / "dev.jsonl"
    if not path.is_file():
        pytest.skip("the disclosures set is not in ../shared")
    lines = path.read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
    terms = TermsRegex([term for name in files for term in read_terms(name)], case_sensitive=case_sensitive,
                       with_plurals=not case_sensitive)
    whole = _whole(terms)
    for text in [text for text in texts if text.isascii()][:PIECES_TEXTS]:
        assert _spans(terms, text) == _spans(whole, text)


def test_compiling_every_whole_regex_up_front_finds_the_same() -> None:
    """A batch worker (or a parent about to fork) compiles the whole regexes at set-up: same matches."""
    terms = TermsRegex(TERMS)
    text = "I have asthma and the flu shot"
    before = _spans(terms, text)
    compile_every_whole()
    assert terms._whole is not None
    assert _spans(terms, text) == before == _spans(_whole(terms), text)
