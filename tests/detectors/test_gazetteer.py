"""Gazetteers and the per-text token view the NER recognizer looks names and places up in."""

from __future__ import annotations

from pathlib import Path

import pytest

from detectors.engine import DetectionEngine
from detectors.lexicon import DATA
from detectors.recognizers.gazetteer import Tokens, casing, gazetteer_hits, lexicons, shape


def test_token_view_and_casing(engine: DetectionEngine) -> None:
    tokens = Tokens.of(engine.nlp("RT @amy: gonna visit #Paris http://t.co/x 😂"))
    junk = {word for word, is_junk in zip(tokens.words, tokens.junk, strict=True) if is_junk}
    assert {"RT", "@amy", "Paris", "http://t.co/x", "😂"} <= junk
    assert ":" not in junk
    assert casing(Tokens.of(engine.nlp("this is all lower case text"))) == "lower"
    assert casing(Tokens.of(engine.nlp("THIS IS ALL CAPS TEXT"))) == "upper"
    assert casing(Tokens.of(engine.nlp("This Is Mixed text"))) == "mixed"
    assert [shape(["AB"]), shape(["ab"]), shape(["Ab", "Cd"]), shape(["Ab", "cd"])] == [
        "upper", "lower", "title", "mixed"
    ]


def test_whole_word_rejects_split_contractions(engine: DetectionEngine) -> None:
    tokens = Tokens.of(engine.nlp("gonna see dana"))
    assert not tokens.whole_word(1)
    assert tokens.whole_word(len(tokens) - 1)


HITS = [
    # text, substring, entity, reason fragment
    ("off to reykjavik tomorrow", "reykjavik", "LOCATION", "gazetteer place"),
    ("Sunset over #Lisbon", "#Lisbon", "LOCATION", "hashtag"),
    ("Driving to Austin, TX", "TX", "LOCATION", "state code"),
    ("hey Brannigan, welcome back", "Brannigan", "PERSON", "after 'hey'"),
    ("saw gwendolyn at the shop", "gwendolyn", "PERSON", "given name"),
    ("Great speech tonight #GwendolynParker", "#GwendolynParker", "PERSON", "family name"),
]


@pytest.mark.parametrize(("text", "substring", "entity", "reason"), HITS)
def test_gazetteer_hits(engine: DetectionEngine, text: str, substring: str, entity: str, reason: str) -> None:
    hits = {text[h.start : h.end]: h for h in gazetteer_hits(Tokens.of(engine.nlp(text)), lexicons())}
    assert hits[substring].entity == entity
    assert reason in hits[substring].reason


def test_ambiguous_names_need_a_cue(engine: DetectionEngine) -> None:
    """'reading' is a town and a word, 'sydney' a city and a name: neither is taken without context."""
    for text in ("i love reading books", "sydney called me"):
        hits = list(gazetteer_hits(Tokens.of(engine.nlp(text)), lexicons()))
        assert not [h for h in hits if h.entity == "LOCATION"], text


@pytest.mark.parametrize("filename", ["places.tsv", "given_names.tsv", "surnames.txt", "common_words.txt"])
def test_gazetteer_files_name_their_source(filename: str) -> None:
    text = (Path(DATA) / filename).read_text(encoding="utf-8")
    header = "\n".join(line for line in text.splitlines() if line.startswith("#")).lower()
    assert "source" in header or "list" in header
    assert any(word in header for word in ("licence", "public domain", "mit"))
    entries = [line.split("\t")[0] for line in text.splitlines() if line and not line.startswith("#")]
    assert entries == [entry.lower() for entry in entries]
    assert len(entries) == len(set(entries))


def test_gazetteers_load_and_keep_ambiguity_flags() -> None:
    lex = lexicons()
    assert lex.places["london"] == "-"
    assert lex.places["paris"] == "given"
    assert lex.places["reading"] == "word"
    assert lex.given_names["emma"] == "-"
    assert lex.given_names["will"] == "word"
    assert "NY" in lex.state_codes and "OR" not in lex.state_codes
