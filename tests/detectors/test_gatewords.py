"""Stored gate words: the file holds what reading each recognizer's regex gives today, and nothing else."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from detectors.gate_table import differences
from detectors.gatewords import gate_words, regex_key, stored
from detectors.lexicon import read_terms
from detectors.termsregex import TermsRegex
from detectors.wordstarts import WHOLE, needed_words

ROOT = Path(__file__).resolve().parents[2]


def test_the_stored_file_is_up_to_date() -> None:
    """Regenerates the table in a fresh process (the recognizers ask for every gate as they are built)."""
    checked = subprocess.run([sys.executable, "-m", "detectors.gate_table", "--check"], cwd=ROOT,
                             capture_output=True, text=True, timeout=300, check=False)
    assert checked.returncode == 0, checked.stderr


def test_a_lexicon_of_the_recognizers_builds_no_regex_to_know_its_gates() -> None:
    terms = TermsRegex([term for name in ("medical_conditions.txt", "medical_conditions_rare.txt")
                        for term in read_terms(name)])
    assert terms.words is not None and "asthma" + WHOLE in terms.words
    assert terms._source is None and terms._pieces == [None] * len(terms.piece_words)


def test_a_regex_not_in_the_file_is_read_as_before() -> None:
    pattern = re.compile(r"(?<!\w)(?:zebra crossing|quagga)(?!\w)", re.IGNORECASE)
    assert regex_key(pattern) not in stored()
    assert gate_words(pattern) == needed_words(pattern) == frozenset({"crossin", "quagga" + WHOLE})


def test_the_key_is_the_source_and_the_flags() -> None:
    keys = {regex_key(re.compile("a")), regex_key(re.compile("a", re.IGNORECASE)), regex_key(re.compile("b"))}
    assert len(keys) == 3


def test_an_out_of_date_table_is_told_in_one_line() -> None:
    fresh = {"a": frozenset({"x"}), "b": None, "c": frozenset({"y"})}
    kept = {"a": frozenset({"z"}), "c": frozenset({"y"}), "d": None}
    problem = differences(fresh, kept)
    assert problem is not None and "\n" not in problem
    assert "1 regexes missing, 1 stale, 1 changed" in problem
    assert differences(fresh, dict(fresh)) is None
