"""Gate words read once, when the lexicons change, not at every start-up.

Reading a lexicon regex into its gate words (`detectors.wordstarts.needed_words`) walks `re`'s parse of
up to a hundred thousand characters: about a second of start-up for all the recognizers' gates. The
words depend only on the regex, so they are kept in `detectors/data/gate_words.json`, keyed by a digest
of the regex's flags and source, and looked up. A regex not in the file (a lexicon edited since, a
regex built at run time) is read as before: slower, never wrong. `python -m detectors.gate_table`
rewrites the file; tests/detectors/test_gatewords.py fails when it is out of date.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

from detectors.internals import Regex
from detectors.wordstarts import needed_words

STORED = Path(__file__).resolve().parent / "data" / "gate_words.json"

ASKED: dict[str, Callable[[], Regex]] = {}
"""Every regex whose gate words this process asked for, by key (built on demand): what the file must hold."""


def regex_key(pattern: Regex) -> str:
    """A digest of what decides the gate words: the regex's flags and source."""
    return digest(f"{pattern.flags}\x00{pattern.pattern}")


def digest(material: str) -> str:
    return hashlib.blake2b(material.encode(), digest_size=16).hexdigest()


@cache
def stored() -> dict[str, frozenset[str] | None]:
    """The stored gate words by regex key; empty when the file is missing."""
    if not STORED.is_file():
        return {}
    gates = json.loads(STORED.read_text(encoding="utf-8"))["gates"]
    return {key: None if words is None else frozenset(words) for key, words in gates.items()}


def gate_words(pattern: Regex) -> frozenset[str] | None:
    """`needed_words(pattern)`, from the stored file when it holds this regex."""
    return keyed_gate_words(regex_key(pattern), lambda: pattern)


def keyed_gate_words(key: str, pattern: Callable[[], Regex]) -> frozenset[str] | None:
    """The gate words of the regex `pattern()` builds, stored under `key`: for a regex that takes time to
    build, a digest of what it is built from, so a stored one is never built. The file's check builds
    every regex and reads it afresh, so a key that outlives a change to its regex fails that test."""
    ASKED[key] = pattern
    table = stored()
    return table[key] if key in table else needed_words(pattern())
