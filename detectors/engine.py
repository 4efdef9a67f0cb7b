"""The detection engine: Presidio's AnalyzerEngine over one spaCy pipeline, built once, fed in batches.

Stock Presidio runs the whole spaCy pipeline on every `analyze()` call. Here spaCy runs once per
batch through `nlp.pipe` with only the entity recogniser enabled, identical texts are analysed once,
long texts are cut into pieces spaCy accepts, and Presidio's recognizers then work on the prepared
tokens. `detect_documents` spreads batches over worker processes.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from presidio_analyzer import AnalyzerEngine, RecognizerResult
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.tokens import Doc

from detectors.model import choose_model, load_pipeline
from detectors.recognizers import build_registry
from detectors.resolve import Span, resolve_overlaps

LANGUAGE = "en"
SEGMENT_CHARS = 50_000
"""Longest piece of text handed to spaCy at once; longer texts are cut at whitespace."""
CACHE_SIZE = 4096
"""Analysed texts remembered, so repeated texts (retweets, templates) cost nothing."""
MIN_SCORE = 0.4

SPACY_LABELS = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "ORG": "ORGANIZATION",
    "NORP": "NRP",
    "DATE": "DATE_TIME",
    "TIME": "DATE_TIME",
}


class PreparedNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine over a pipeline we loaded ourselves, without a lemmatizer.

    Context words are matched as substrings of lower-cased tokens, which is what Presidio's
    enhancer needs; running the tagger and lemmatizer for it would double spaCy's cost.
    """

    def __init__(self, nlp_name: str, nlp: object) -> None:
        configuration = NerModelConfiguration(
            model_to_presidio_entity_mapping=SPACY_LABELS,
            labels_to_ignore=["CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "PRODUCT",
                              "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"],
        )
        super().__init__(models=[{"lang_code": LANGUAGE, "model_name": nlp_name}],
                         ner_model_configuration=configuration)
        self.nlp = {LANGUAGE: nlp}

    def load(self) -> None:
        """The pipeline is loaded already; never let Presidio download one."""

    def artifacts(self, doc: Doc) -> NlpArtifacts:
        return self._doc_to_nlp_artifact(doc, LANGUAGE)

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        entities, scores = self._get_updated_entities(self._get_entities(doc), self._get_scores_for_entities(doc))
        return NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=[token.idx for token in doc],
            lemmas=[token.lower_ for token in doc],
            nlp_engine=self,
            language=language,
            scores=scores,
        )


_CUT = re.compile(r"\s+")


def segments(text: str, limit: int = SEGMENT_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering text, each at most `limit` characters, cut at whitespace."""
    if len(text) <= limit:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            last_space = None
            for match in _CUT.finditer(text, start + limit // 2, end):
                last_space = match
            if last_space is not None:
                end = last_space.end()
        pieces.append((start, text[start:end]))
        start = end
    return pieces


@dataclass(frozen=True, slots=True)
class EngineInfo:
    model: str
    recognizers: tuple[str, ...]


class DetectionEngine:
    """Find personal data in texts. Build once per process; reuse for every batch."""

    def __init__(self, model: str | None = None, batch_size: int = 64) -> None:
        self.model_name = choose_model(model)
        self.nlp = load_pipeline(self.model_name)
        self.nlp.max_length = SEGMENT_CHARS + 1000
        self.nlp_engine = PreparedNlpEngine(self.model_name, self.nlp)
        self.analyzer = AnalyzerEngine(
            registry=build_registry(),
            nlp_engine=self.nlp_engine,
            supported_languages=[LANGUAGE],
        )
        self.batch_size = batch_size
        self._cache: OrderedDict[str, list[Span]] = OrderedDict()

    @property
    def info(self) -> EngineInfo:
        names = tuple(sorted({r.name for r in self.analyzer.registry.recognizers}))
        return EngineInfo(self.model_name, names)

    def analyze(self, text: str) -> list[Span]:
        return self.analyze_many([text])[0]

    def analyze_many(self, texts: Sequence[str]) -> list[list[Span]]:
        """Spans for each text, in order. Runs spaCy once over all new, distinct pieces."""
        pending: dict[str, list[tuple[int, str]]] = {}
        for text in texts:
            if text not in self._cache and text not in pending:
                pending[text] = segments(text)
        pieces = [(text, offset, piece) for text, cut in pending.items() for offset, piece in cut]
        found: dict[str, list[Span]] = {text: [] for text in pending}
        docs = self.nlp.pipe((piece for _, _, piece in pieces), batch_size=self.batch_size)
        for (text, offset, piece), doc in zip(pieces, docs, strict=True):
            results = self.analyzer.analyze(
                text=piece, language=LANGUAGE, nlp_artifacts=self.nlp_engine.artifacts(doc)
            )
            found[text].extend(to_span(result, offset) for result in results if result.score >= MIN_SCORE)
        for text, spans in found.items():
            self._remember(text, resolve_overlaps(spans, text))
        return [list(self._cache[text]) for text in texts]

    def _remember(self, text: str, spans: list[Span]) -> None:
        self._cache[text] = spans
        self._cache.move_to_end(text)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)


def to_span(result: RecognizerResult, offset: int) -> Span:
    metadata = result.recognition_metadata or {}
    detector = str(metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY, "unknown"))
    reason = metadata.get("reason")
    if not reason:
        explanation = result.analysis_explanation
        reason = (explanation.textual_explanation or explanation.pattern_name) if explanation else None
    return Span(
        entity=result.entity_type,
        start=result.start + offset,
        end=result.end + offset,
        score=round(float(result.score), 3),
        detector=detector,
        reason=str(reason or f"{detector} match"),
        first_person=bool(metadata.get("first_person", False)),
    )


def chunked(items: Iterable[object], size: int) -> Iterator[list[object]]:
    batch: list[object] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
