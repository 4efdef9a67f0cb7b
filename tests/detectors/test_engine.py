"""The detection engine: same results as stock Presidio with less work, long texts, offline, bad text."""

from __future__ import annotations

import itertools
import socket

import pytest
from presidio_analyzer.nlp_engine import SpacyNlpEngine

from detectors.engine import LANGUAGE, MIN_SCORE, DetectionEngine
from detectors.internals import LazyArtifacts
from detectors.model import choose_model
from detectors.segmentation import segments
from scanner.errors import ModelError

TEXTS = [
    "Mail jane.doe@example.com or see https://www.example.org/jane for my CV.",
    "I'm Jane Doe from Portland, call me at (503) 555-0134, born 04/12/1987.",
    "IBAN DE89 3704 0044 0532 0130 00, card 4111 1111 1111 1111, SSN 078-05-1120.",
    "Server 192.168.10.24 and fe80::1ff:fe23:4567:890a, mac 00:1A:2B:3C:4D:5E.",
    "Wallet 1BoatSLRHtKNngkdXEeobR76b53LETtpyT, id 123e4567-e89b-12d3-a456-426614174000.",
    "lol nothing to see here just vibes",
    "RT @jane_doe: Barack Obama visited Berlin on Tuesday.",
    "",
]


def test_same_results_as_stock_presidio(engine: DetectionEngine) -> None:
    """Our loop over the recognizers returns what AnalyzerEngine.analyze returns for the same tokens."""
    for text in TEXTS:
        artifacts = engine.nlp_engine.artifacts(engine.nlp(text))
        stock = engine.analyzer.analyze(text, LANGUAGE, nlp_artifacts=artifacts)
        ours = engine.recognize(text, artifacts)
        assert sorted((r.entity_type, r.start, r.end, round(r.score, 3)) for r in stock) == \
            sorted((r.entity_type, r.start, r.end, round(r.score, 3)) for r in ours), text


@pytest.mark.parametrize("text", [
    "see example.com for the schedule",  # no context word: the enhancer is skipped
    "the link is example.com",  # "link" raises the URL's score
    "Jane's website: www.example.org, or Jané's",  # non-ASCII text always goes through the enhancer
])
def test_context_enhancement_only_where_a_context_word_is(engine: DetectionEngine, text: str) -> None:
    artifacts = engine.nlp_engine.artifacts(engine.nlp(text))
    stock = engine.analyzer.analyze(text, LANGUAGE, nlp_artifacts=artifacts)
    ours = engine.recognize(text, artifacts)
    assert sorted((r.entity_type, r.start, r.end, round(r.score, 3)) for r in stock) == \
        sorted((r.entity_type, r.start, r.end, round(r.score, 3)) for r in ours)


def test_results_without_context_words_skip_the_enhancer(engine: DetectionEngine,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("enhancer called")

    monkeypatch.setattr(engine.analyzer, "_enhance_using_context", fail)
    text = "see example.com for the schedule"
    found = engine.recognize(text, engine.nlp_engine.artifacts(engine.nlp(text)))
    assert [(r.entity_type, r.score) for r in found] == [("URL", 0.5)]


def test_artifacts_carry_the_text_spacy_was_given(engine: DetectionEngine,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The NER view reads the doc's text from the artifacts; it must be the doc's, punctuation runs broken."""
    given: list[tuple[str, str]] = []
    recognize = engine.recognize

    def spy(text: str, artifacts: LazyArtifacts, plans: list | None = None) -> list:
        given.append((artifacts.doc_text, artifacts.tokens.text))
        return recognize(text, artifacts, plans)

    monkeypatch.setattr(engine, "recognize", spy)
    engine.analyze("[" * 40 + " Jane Doe lives in Paris " + "!?" * 20)
    assert given and all(doc_text == text for doc_text, text in given)


def test_prefilters_change_nothing(engine: DetectionEngine) -> None:
    """Skipping recognizers whose gate fails gives the same spans as running them all."""
    for text in TEXTS:
        doc = engine.nlp(text)
        everything = engine.recognize(text, engine.nlp_engine.artifacts(doc))
        expected = sorted((r.entity_type, r.start, r.end) for r in everything if r.score >= MIN_SCORE)
        gated = sorted((s.entity, s.start, s.end) for s in engine._analyze_piece(text, doc))
        assert gated == expected, text


def test_finds_the_usual_suspects(engine: DetectionEngine) -> None:
    found = {(span.entity, TEXTS[0][span.start:span.end]) for span in engine.analyze(TEXTS[0])}
    assert ("EMAIL_ADDRESS", "jane.doe@example.com") in found
    assert any(entity == "URL" for entity, _ in found)


def test_only_the_entity_recogniser_runs(engine: DetectionEngine) -> None:
    """The tagger, parser, lemmatizer and (for the en_core_web pipelines) the shared tok2vec are off."""
    assert "ner" in engine.info.components
    assert not {"tagger", "parser", "lemmatizer", "attribute_ruler"} & set(engine.info.components)
    if engine.model_name.startswith("en_core_web"):
        assert "tok2vec" not in engine.info.components


def test_identical_texts_are_analysed_once(engine: DetectionEngine) -> None:
    text = "Write to repeat.me@example.com today."
    first, second = engine.analyze_many([text, text])
    assert first == second and first
    assert text in engine._cache


def test_segments_cover_the_text_in_bounded_overlapping_pieces() -> None:
    text = "".join(f"Paragraph {n} has a few words in it. And a second sentence.\n\n" for n in range(200))
    pieces = segments(text, limit=1000, overlap=100)
    assert len(pieces) > 10
    assert pieces[0].owns_from == 0 and pieces[-1].owns_to == len(text)
    for before, after in itertools.pairwise(pieces):
        assert before.owns_to == after.owns_from
        assert after.offset < before.offset + len(before.text)
        assert before.text.endswith("\n\n")
    for piece in pieces:
        assert len(piece.text) <= 1000
        assert text[piece.offset:piece.offset + len(piece.text)] == piece.text
        assert piece.offset <= piece.owns_from < piece.owns_to <= piece.offset + len(piece.text)


def test_segments_cut_text_without_spaces() -> None:
    text = "x" * 2500
    pieces = segments(text, limit=1000, overlap=100)
    assert all(len(piece.text) <= 1000 for piece in pieces)
    assert pieces[-1].owns_to == len(text)


def test_entities_across_cuts_are_found_once(engine: DetectionEngine,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A long text is cut for spaCy; what straddles a cut is still found, whole and once."""
    monkeypatch.setattr(engine, "segment_chars", 1000)
    filler = "the rain kept on falling over the quiet fields and nothing else happened "
    text = (filler * 20)[:990] + " jane.doe@example.com " + filler * 5
    assert len(segments(text, 1000)) == 2
    emails = [span for span in engine.analyze(text) if span.entity == "EMAIL_ADDRESS"]
    assert [text[span.start:span.end] for span in emails] == ["jane.doe@example.com"]

    text = (filler * 20)[:992] + " Barack Obama spoke in Chicago. " + filler * 5
    assert segments(text, 1000)[0].text.endswith(" Barack ")
    people = [text[span.start:span.end] for span in engine.analyze(text) if span.entity == "PERSON"]
    assert people == ["Barack Obama"]


def test_bad_text_gives_a_clean_result(engine: DetectionEngine) -> None:
    junk = bytes(range(256)).decode("latin-1") * 40
    for text in ["", " ", "\n\n\n", junk, "\ufffd" * 1000, "a" * 120_000, "lone \ud800 surrogate"]:
        assert isinstance(engine.analyze(text), list)


def test_ten_megabytes_in_one_document(engine: DetectionEngine) -> None:
    """Cut into pieces spaCy accepts; repeated pieces are analysed once, so this takes seconds."""
    line = "Nothing personal in this line, just a log entry number forty-two.\n"
    text = line * (10_000_000 // len(line)) + "Reach me at last.line@example.com\n"
    spans = engine.analyze(text)
    assert [text[s.start:s.end] for s in spans if s.entity == "EMAIL_ADDRESS"] == ["last.line@example.com"]


def test_a_missing_model_says_what_to_install() -> None:
    with pytest.raises(ModelError, match=r"not installed.*pip install"):
        choose_model("en_core_web_nonexistent")
    with pytest.raises(ModelError):
        choose_model("../../etc/passwd")


def test_the_model_can_be_chosen_by_environment(monkeypatch: pytest.MonkeyPatch,
                                                engine: DetectionEngine) -> None:
    monkeypatch.setenv("EXPOSURE_SPACY_MODEL", engine.model_name)
    assert choose_model() == engine.model_name
    monkeypatch.setenv("EXPOSURE_SPACY_MODEL", "en_core_web_nonexistent")
    with pytest.raises(ModelError):
        choose_model()


def test_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """With sockets blocked, an engine builds and finds emails and URLs (tldextract stays offline)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("detection tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    offline = DetectionEngine()
    found = {span.entity for span in offline.analyze("Mail ann@example.co.uk, see https://example.com/a.")}
    assert {"EMAIL_ADDRESS", "URL"} <= found


def test_artifacts_build_presidio_entities_only_when_read(engine: DetectionEngine) -> None:
    """The same entities and scores as Presidio's own artifacts, built on first read."""
    doc = engine.nlp("Barack Obama visited Berlin with 5 friends.")
    artifacts = engine.nlp_engine.artifacts(doc)
    stock = SpacyNlpEngine._doc_to_nlp_artifact(engine.nlp_engine, doc, LANGUAGE)
    assert "entities" not in vars(artifacts)
    assert [(span.text, span.label_) for span in artifacts.entities] == \
        [(span.text, span.label_) for span in stock.entities]
    assert artifacts.scores == stock.scores
