"""The private parts of Presidio and of Python's `re` that detection leans on, all in this one module.

The engine runs Presidio's own steps without `AnalyzerEngine.analyze` (which runs spaCy on every call and
every recognizer on every text), so it needs the context enhancer (`_enhance_using_context`), the way the
spaCy engine relabels entities (`_get_entities`, `_get_scores_for_entities`, `_get_updated_entities`) and
its hook that builds artifacts from a doc (`_doc_to_nlp_artifact`). The prefilters read regexes with
`re`'s own parser and compiler (`re._parser`, `re._compiler`, `re._constants`, Python 3.11+). The
context enhancer's token lookup (`_find_index_of_match_token`) is replaced by a binary search, the
same answer without walking the piece's tokens for every result. None of these is public:
tests/detectors/test_internals.py checks each on a tiny input and fails naming the installed
presidio-analyzer and Python versions when an upgrade changes one.
"""

from __future__ import annotations

import bisect
import importlib
import platform
import re
from collections.abc import Callable
from importlib.metadata import version
from typing import Any, Protocol

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

VERSIONS = f"presidio-analyzer {version('presidio-analyzer')}, Python {platform.python_version()}"
"""What the private APIs here were read from; named in every failure of their test."""

_parser: Any = importlib.import_module("re._parser")
_compiler: Any = importlib.import_module("re._compiler")
sre: Any = importlib.import_module("re._constants")
"""`re`'s opcodes (LITERAL, IN, BRANCH, MAX_REPEAT...), which tag the items `parse_regex` returns."""


class Regex(Protocol):
    """A compiled regex, or its uncompiled source (`detectors.lexicon.RegexSource`): all a parse reads."""

    @property
    def pattern(self) -> str: ...
    @property
    def flags(self) -> int: ...


def parse_regex(pattern: Regex) -> tuple[list[tuple[Any, Any]], int]:
    """`re`'s own parse of a pattern: its (opcode, argument) items, and its flags with the inline ones."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    return list(parsed), parsed.state.flags


def compile_items(items: list[tuple[Any, Any]], flags: int) -> re.Pattern[str]:
    """A regex made of parsed items (a piece of a parsed pattern), compiled as `re` compiles."""
    compiled: re.Pattern[str] = _compiler.compile(_parser.SubPattern(_parser.State(), items), flags)
    return compiled


def enhance_using_context(analyzer: AnalyzerEngine, text: str, results: list[RecognizerResult],
                          artifacts: NlpArtifacts,
                          recognizers: list[EntityRecognizer]) -> list[RecognizerResult]:
    """Presidio's context enhancement, the step `AnalyzerEngine.analyze` runs after the recognizers."""
    enhanced: list[RecognizerResult] = analyzer._enhance_using_context(text, results, artifacts,
                                                                       recognizers, None)
    return enhanced


class IndexedContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's lemma context enhancer, finding a result's token by binary search instead of a walk.

    Presidio walks the tokens from the start of the text for every result it enhances, so its cost
    grows with the text's length: on the 20,000-character pieces of a long text that walk was the
    largest single cost, several times what the same results cost as tweets. Tokens are contiguous and
    non-empty, so their ends rise and the token Presidio picks (the first that starts at the result
    or covers it) is the first whose end lies past the result's start.
    """

    @staticmethod
    def _find_index_of_match_token(word: str, start: int, tokens: Any, tokens_indices: list[int]) -> int:
        index = bisect.bisect_right(range(len(tokens_indices)), start,
                                    key=lambda i: tokens_indices[i] + len(tokens[i]))
        if index == len(tokens_indices):
            raise ValueError("a context match lies past the last token")
        return index


def recognizer_name(recognizer: EntityRecognizer) -> str:
    """A recognizer's name (Presidio sets it in `__init__` in a way mypy cannot type)."""
    return str(recognizer.name)  # type: ignore[has-type]


class PreparedNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine over a pipeline we loaded ourselves; never downloads one."""

    def __init__(self, language: str, nlp_name: str, nlp: Language,
                 configuration: NerModelConfiguration) -> None:
        super().__init__(models=[{"lang_code": language, "model_name": nlp_name}],
                         ner_model_configuration=configuration)
        self.nlp = {language: nlp}  # type: ignore[assignment]  # Presidio types it None until load()

    def load(self) -> None:
        """The pipeline is loaded already; never let Presidio download one."""

    def artifacts(self, doc: Doc, text: str | None = None) -> LazyArtifacts:
        """Presidio's artifacts for a doc; `text` is the doc's text, when the caller has it at hand."""
        return LazyArtifacts(doc, self, doc.text if text is None else text)

    def entities_and_scores(self, doc: Doc) -> tuple[list[SpacySpan], list[float]]:
        """spaCy's entities as Presidio labels them, and their scores (what Presidio's artifacts hold)."""
        if not doc.ents:
            return [], []
        return self._get_updated_entities(self._get_entities(doc), self._get_scores_for_entities(doc))

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        return self.artifacts(doc)


class LazyArtifacts(NlpArtifacts):
    """Presidio's NLP artifacts whose entity and token lists are built only if something reads them.

    Presidio builds lemmas and context keywords for every text, but only the context enhancer reads
    them, and only for texts where a recognizer with context words found something. Lemmas are the
    lower-cased tokens: the lemmatizer is off, and Presidio matches context words as substrings.
    The relabelled entity list is Presidio's SpacyRecognizer's input, which ours replaces (it reads
    the doc's entities itself). Each list is built on first read (`__getattr__`, called only for an
    attribute not set yet) and then set, so later reads cost a plain attribute lookup.
    """

    def __init__(self, doc: Doc, nlp_engine: PreparedNlpEngine, doc_text: str) -> None:
        self.tokens = doc
        self.nlp_engine = nlp_engine
        self.doc_text = doc_text
        """The text spaCy was given (`doc.text` would join every token again)."""

    def __getattr__(self, name: str) -> Any:
        build = _BUILDERS.get(name)
        if build is None:
            raise AttributeError(name)
        build(self)
        return vars(self)[name]


def _entities_and_scores(artifacts: LazyArtifacts) -> None:
    artifacts.entities, artifacts.scores = artifacts.nlp_engine.entities_and_scores(artifacts.tokens)


def _lemmas(artifacts: LazyArtifacts) -> None:
    artifacts.lemmas = [token.lower_ for token in artifacts.tokens]


def _tokens_indices(artifacts: LazyArtifacts) -> None:
    artifacts.tokens_indices = [token.idx for token in artifacts.tokens]


class Keywords(list[str]):
    """Presidio's keyword list, answering `in` from a set: the enhancer asks it for each word near each
    result, and a list answers in time proportional to the piece's words."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self._known = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self._known


def _keywords(artifacts: LazyArtifacts) -> None:
    """Presidio's `set_keywords`, read off the tokens instead of looking each word up in the vocab."""
    artifacts.keywords = Keywords([
        part
        for token in artifacts.tokens
        if not token.is_stop and not token.is_punct and token.lower_ != "be"
        for part in token.lower_.split(":")
    ])


_BUILDERS: dict[str, Callable[[LazyArtifacts], None]] = {
    "entities": _entities_and_scores,
    "scores": _entities_and_scores,
    "lemmas": _lemmas,
    "tokens_indices": _tokens_indices,
    "keywords": _keywords,
}
