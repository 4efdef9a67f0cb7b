"""The private Presidio and `re` APIs behind detectors/internals.py: each still there and behaving as read.

A failure here after an upgrade names the installed versions: read the private API again in that version
and update detectors/internals.py (or pin the dependency) before trusting detection output.
"""

from __future__ import annotations

import inspect
import re
import sys

import pytest
from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine

from detectors.engine import LANGUAGE, DetectionEngine
from detectors.internals import (
    VERSIONS,
    IndexedContextEnhancer,
    Keywords,
    LazyArtifacts,
    compile_items,
    enhance_using_context,
    parse_regex,
    sre,
)
from detectors.lazy_patterns import CHECK, MODULE

PRIVATE_SIGNATURES = [
    (AnalyzerEngine, "_enhance_using_context",
     ["self", "text", "raw_results", "nlp_artifacts", "recognizers", "context"]),
    (SpacyNlpEngine, "_doc_to_nlp_artifact", ["self", "doc", "language"]),
    (LemmaContextAwareEnhancer, "_find_index_of_match_token", ["word", "start", "tokens", "tokens_indices"]),
    (SpacyNlpEngine, "_get_entities", ["self", "doc"]),
    (SpacyNlpEngine, "_get_scores_for_entities", ["self", "doc"]),
    (SpacyNlpEngine, "_get_updated_entities", ["self", "entities", "scores"]),
    (NlpArtifacts, "__init__",
     ["self", "entities", "tokens", "tokens_indices", "lemmas", "nlp_engine", "language", "scores"]),
]


def changed(what: str) -> str:
    return f"{what} changed in {VERSIONS}: update detectors/internals.py"


@pytest.mark.parametrize(("owner", "name", "parameters"), PRIVATE_SIGNATURES,
                         ids=[f"{owner.__name__}.{name}" for owner, name, _ in PRIVATE_SIGNATURES])
def test_presidio_private_methods_keep_their_signatures(owner: type, name: str,
                                                       parameters: list[str]) -> None:
    method = getattr(owner, name, None)
    assert callable(method), changed(f"{owner.__name__}.{name} is gone:")
    assert list(inspect.signature(method).parameters) == parameters, changed(f"{owner.__name__}.{name}")


def test_artifacts_hold_what_presidio_reads(engine: DetectionEngine) -> None:
    """The lazy artifacts answer every attribute Presidio's own artifacts set, with the same values."""
    text = "Jane Doe lives in Paris and works at Acme."
    doc = engine.nlp(text)
    ours = engine.nlp_engine.artifacts(doc)
    stock = SpacyNlpEngine._doc_to_nlp_artifact(engine.nlp_engine, doc, LANGUAGE)
    assert isinstance(ours, LazyArtifacts), changed("SpacyNlpEngine._doc_to_nlp_artifact (not our override)")
    stock_attributes = set(vars(NlpArtifacts([], doc, [], [], engine.nlp_engine, LANGUAGE)))
    assert stock_attributes <= {"entities", "tokens", "tokens_indices", "lemmas", "keywords", "nlp_engine",
                                "scores"}, changed(f"NlpArtifacts' attributes ({sorted(stock_attributes)})")
    assert [span.label_ for span in ours.entities] == [span.label_ for span in stock.entities], \
        changed("SpacyNlpEngine's entity relabelling")
    assert ours.scores == stock.scores and ours.tokens_indices == stock.tokens_indices, \
        changed("SpacyNlpEngine's artifacts")


def test_context_enhancement_raises_a_score_near_a_context_word(engine: DetectionEngine) -> None:
    text = "my zip is 12345"
    recognizer = PatternRecognizer(supported_entity="ZIP", patterns=[Pattern("zip", r"\b\d{5}\b", 0.3)],
                                   context=["zip"])
    artifacts = engine.nlp_engine.artifacts(engine.nlp(text))
    found = recognizer.analyze(text, ["ZIP"], artifacts)
    assert [(result.start, result.score) for result in found] == [(10, 0.3)]
    enhanced = enhance_using_context(engine.analyzer, text, found, artifacts, [recognizer])
    assert [(result.start, result.end) for result in enhanced] == [(10, 15)], \
        changed("_enhance_using_context")
    assert enhanced[0].score > 0.3, changed("_enhance_using_context (no score raised)")


def test_the_indexed_enhancer_finds_the_token_presidio_finds(engine: DetectionEngine) -> None:
    """For every offset, spaces and punctuation included, the binary search picks Presidio's token."""
    text = "Call  me at +1 503-555-0142, or mail jane.doe@example.org.\n\nRowan (Portland)  says hi! "
    doc = engine.nlp(text)
    indices = [token.idx for token in doc]
    stock, ours = LemmaContextAwareEnhancer, IndexedContextEnhancer
    for start in range(len(text) + 1):
        try:
            expected: int | str = stock._find_index_of_match_token("", start, doc, indices)
        except ValueError:
            expected = "raises"
        try:
            found: int | str = ours._find_index_of_match_token("", start, doc, indices)
        except ValueError:
            found = "raises"
        assert found == expected, changed(f"_find_index_of_match_token at offset {start}")


def test_engine_enhances_context_with_the_indexed_enhancer(engine: DetectionEngine) -> None:
    assert isinstance(engine.analyzer.context_aware_enhancer, IndexedContextEnhancer)


def test_keywords_answer_membership_as_their_list_does() -> None:
    words = ["zip", "code", "zip", "phone"]
    keywords = Keywords(words)
    assert list(keywords) == words
    assert all((word in keywords) == (word in words) for word in ("zip", "phone", "mail", "", "Zip"))


def test_re_parser_reads_a_pattern_into_opcodes() -> None:
    items, flags = parse_regex(re.compile(r"(?i)ab|cd"))
    assert [op for op, _ in items] == [sre.BRANCH], changed("re._parser.parse")
    assert flags & re.IGNORECASE, changed("re._parser's state flags")
    literal = parse_regex(re.compile("x+"))[0]
    assert literal[0][0] is sre.MAX_REPEAT and literal[0][1][2][0] == (sre.LITERAL, ord("x")), \
        changed("re._parser's repeat items")


def test_re_compiler_compiles_parsed_items() -> None:
    items, flags = parse_regex(re.compile(r"[a-c]", re.IGNORECASE))
    compiled = compile_items(items, flags)
    assert compiled.fullmatch("B") and not compiled.fullmatch("d"), changed("re._compiler.compile")


def test_presidio_patterns_are_checked_where_they_are_compiled_not_at_construction() -> None:
    """detectors.lazy_patterns replaces the private check `Pattern.__init__` calls."""
    assert "self.__validate_regex(self.regex)" in inspect.getsource(Pattern.__init__), VERSIONS
    assert getattr(Pattern, CHECK) is not None and sys.modules[MODULE].Pattern is Pattern, VERSIONS
    unchecked = Pattern("unbalanced", "(", 0.5)  # would raise ValueError at construction
    assert unchecked.compiled_regex is None
    recognizer = PatternRecognizer(supported_entity="ZIP", patterns=[Pattern("zip", r"\b\d{5}\b", 0.3)])
    assert [(r.start, r.end) for r in recognizer.analyze("zip 90210", ["ZIP"])] == [(4, 9)]
