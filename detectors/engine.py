"""The detection engine: Presidio's recognizers over one spaCy pipeline, built once, fed in batches.

Stock Presidio runs the whole spaCy pipeline on every `analyze()` call, then every recognizer on
every text. Here spaCy runs once per batch through `nlp.pipe` with only the entity recogniser
enabled; identical texts are analysed once; long texts are cut into overlapping pieces spaCy
accepts (`detectors.segmentation`); and per text only the recognizers whose cheap precondition holds
run (see `detectors.prefilter`), which is what Presidio's `AnalyzerEngine.analyze` would return, minus
the work. Text not in English (see `detectors.language`) is only tokenised, not tagged, and gets the
recognizers that do not read English. The Presidio internals this needs are reached through
`detectors.internals` only. `detectors.batch.detect_documents` spreads batches over worker processes.
Spans of sensitive statement entities leave with a subject, or marked as topic mentions
(`detectors.subject`).
"""

from __future__ import annotations

import gc
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts
from spacy.tokens import Doc

from detectors.internals import (
    IndexedContextEnhancer,
    PreparedNlpEngine,
    enhance_using_context,
    recognizer_name,
)
from detectors.model import choose_model, load_pipeline
from detectors.prefilter import (
    Gate,
    gate_for,
    gate_needs_digit,
    gate_words,
    has_digit,
    reads_ner_entities_only,
)
from detectors.recognizers import ENGLISH_ONLY, build_registry
from detectors.recognizers.ner import SPACY_LABELS
from detectors.resolve import Span, resolve_overlaps
from detectors.segmentation import SEGMENT_CHARS, Segment, encodable, segments, tokenizable
from detectors.stock_reasons import STOCK_REASONS
from detectors.subject import attributed
from detectors.termsregex import compile_every_whole
from detectors.wordstarts import text_words

LANGUAGE = "en"
PIPE_CHARS = 20_000
"""Characters per `nlp.pipe` call: bounds spaCy's memory when a batch holds long texts."""
CACHE_SIZE = 4096
"""Analysed texts remembered, so repeated texts (retweets, templates) cost nothing."""
CACHE_TEXT_CHARS = 2_000
"""Only texts up to this length are remembered (they are the ones that repeat), keeping the cache small."""
MIN_SCORE = 0.4
IGNORED_LABELS = ["CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "PRODUCT", "EVENT", "WORK_OF_ART",
                  "LAW", "LANGUAGE"]
"""spaCy labels that are no personal data; Presidio's artifacts leave them out."""


@dataclass(frozen=True, slots=True)
class EngineInfo:
    model: str
    recognizers: tuple[str, ...]
    components: tuple[str, ...]
    """The spaCy components that run."""


_SHARED: dict[str, DetectionEngine] = {}


@dataclass(frozen=True, slots=True)
class _Plan:
    """One recognizer and when it can be skipped."""

    recognizer: EntityRecognizer
    gate: Gate | None
    needs_entities: bool
    thresholds: dict[str, float]
    enhances: bool
    """Whether context enhancement can change this recognizer's results (it has context words or its own)."""
    context_words: tuple[str, ...] | None
    """Its context words, lower-cased, when only they can change its results; None: always enhance."""
    needs_digit: bool
    """Its gate is false for every text without a digit."""
    words: frozenset[str] | None
    """Word starts one of which every text its gate lets through holds (`prefilter.gate_words`)."""


class _Candidates:
    """A list of plans cut by the facts of a text that rule out the most recognizers before any gate
    runs: whether spaCy found entities in it, whether it holds a digit (most tweets have neither), and
    which of the plans' gate words its words start with (most tweets start none: one set intersection
    answers for a score of gates that would each be a call)."""

    def __init__(self, plans: list[_Plan]) -> None:
        self.plans = plans
        self._by_facts = {
            (entities, digit): [plan for plan in plans
                                if (entities or not plan.needs_entities) and (digit or not plan.needs_digit)]
            for entities in (False, True) for digit in (False, True)
        }
        self._words = frozenset().union(*(plan.words for plan in plans if plan.words is not None))

    def for_text(self, text: str, has_entities: bool) -> list[_Plan]:
        """The plans whose gates pass the text."""
        plans = self._by_facts[has_entities, has_digit(text)]
        shared = text_words(text) & self._words
        return [plan for plan in plans
                if (plan.words is None or not shared.isdisjoint(plan.words))
                and (plan.gate is None or plan.gate(text))]


_WARM_UP = "Ruth Hale of 12 Elm Street, Portland, was diagnosed with diabetes; call 503-555-0142."
"""An invented text: one run builds every recognizer's lazy parts."""


class DetectionEngine:
    """Find personal data in texts. Build once per process (see `shared`); reuse for every batch."""

    _prepared: bool = False
    """Whether `prepare_for_many_texts` has run."""

    @classmethod
    def shared(cls, model: str | None = None) -> DetectionEngine:
        """The process's engine for this pipeline, built on first use: loading spaCy costs seconds."""
        name = choose_model(model)
        if name not in _SHARED:
            _SHARED[name] = cls(name)
        return _SHARED[name]

    def prepare_for_many_texts(self) -> None:
        """Pay now the one-off costs a run of many texts would pay in its middle (the lexicons' whole
        regexes, the special categories' frames: about 1.7 s), as a long-lived worker should, or a parent
        about to fork workers that share them.

        Then everything built so far (the model, gazetteers, lexicons, regexes) is frozen out of the
        cyclic garbage collector's reach (`gc.freeze`): it lives as long as the process, yet each full
        collection walked all of it, 90 ms a time on the 150,000 objects of an engine, about once per
        2,000 tweets; forked workers also keep sharing its memory pages instead of copying the ones the
        collector writes to. Done once per engine."""
        if self._prepared:
            return
        self._prepared = True
        self.analyze(_WARM_UP)
        compile_every_whole()
        for plan in self._plans:
            compile_patterns = getattr(plan.recognizer, "compile_patterns", None)
            if callable(compile_patterns):
                compile_patterns()
        gc.freeze()

    def __init__(self, model: str | None = None, batch_size: int = 256, prefilter: bool = True) -> None:
        self.model_name = choose_model(model)
        registry = build_registry()
        extra = {name for recognizer in registry.recognizers
                 for name in getattr(recognizer, "spacy_components", ())}
        self.nlp = load_pipeline(self.model_name, extra)
        self.nlp.max_length = SEGMENT_CHARS + 1000
        self.segment_chars = SEGMENT_CHARS
        """Longest piece handed to spaCy; at most SEGMENT_CHARS."""
        configuration = NerModelConfiguration(model_to_presidio_entity_mapping=SPACY_LABELS,
                                              labels_to_ignore=IGNORED_LABELS)
        self.nlp_engine = PreparedNlpEngine(LANGUAGE, self.model_name, self.nlp, configuration)
        self.analyzer = AnalyzerEngine(registry=registry, nlp_engine=self.nlp_engine,
                                       supported_languages=[LANGUAGE],
                                       context_aware_enhancer=IndexedContextEnhancer())
        self.batch_size = batch_size
        self.prefilter = prefilter
        self._entities = self.analyzer.get_supported_entities(LANGUAGE)
        self._plans = [self._plan(recognizer, prefilter)
                       for recognizer in registry.get_recognizers(language=LANGUAGE, all_fields=True)]
        self._english = _Candidates(self._plans)
        self._independent = _Candidates([plan for plan in self._plans
                                         if not isinstance(plan.recognizer, ENGLISH_ONLY)])
        """What text in another language gets: the recognizers that read no English."""
        self._cache: OrderedDict[str, list[Span]] = OrderedDict()
        """Analysed English texts."""
        self._other_cache: OrderedDict[str, list[Span]] = OrderedDict()
        """Analysed texts in other languages (their spans come from fewer recognizers)."""

    @staticmethod
    def _plan(recognizer: EntityRecognizer, prefilter: bool) -> _Plan:
        own = type(recognizer).enhance_using_context is not EntityRecognizer.enhance_using_context
        context = recognizer.context or []
        return _Plan(recognizer, gate_for(recognizer) if prefilter else None,
                     prefilter and reads_ner_entities_only(recognizer), recognizer.score_thresholds,
                     not prefilter or bool(context) or own,
                     None if not prefilter or own else tuple(word.lower() for word in context),
                     prefilter and gate_needs_digit(recognizer),
                     gate_words(recognizer) if prefilter else None)

    @property
    def info(self) -> EngineInfo:
        names = tuple(sorted({recognizer_name(plan.recognizer) for plan in self._plans}))
        return EngineInfo(self.model_name, names, tuple(self.nlp.pipe_names))

    def analyze(self, text: str, english: bool = True) -> list[Span]:
        return self.analyze_many([text], [english])[0]

    def analyze_many(self, texts: Sequence[str], english: Sequence[bool] | None = None) -> list[list[Span]]:
        """Spans for each text, in order. Runs spaCy once over all new, distinct pieces.

        `english` says, text by text, whether it is English (all of them when not given): others are
        only tokenised and get the recognizers that do not read English.
        """
        keys = list(zip([True] * len(texts) if english is None else english, texts, strict=True))
        known: dict[tuple[bool, str], list[Span]] = {}
        pending: dict[tuple[bool, str], list[Segment]] = {}
        for key in keys:
            if key in known or key in pending:
                continue
            cache = self._cache if key[0] else self._other_cache
            cached = cache.get(key[1])
            if cached is not None:
                cache.move_to_end(key[1])
                known[key] = cached
            else:
                pending[key] = segments(encodable(key[1]), self.segment_chars)
        pieces = [(key, (key[0], segment.text), segment) for key, cut in pending.items() for segment in cut]
        distinct = list(dict.fromkeys(piece for _, piece, _ in pieces))
        english_pieces = [text for is_english, text in distinct if is_english]
        piece_spans = {(True, text): self._analyze_piece(text, doc, self._english)
                       for text, doc in zip(english_pieces, self._docs(english_pieces), strict=True)}
        piece_spans.update(
            ((False, text), self._analyze_piece(text, self.nlp.make_doc(tokenizable(text)),
                                                self._independent))
            for is_english, text in distinct if not is_english
        )
        found: dict[tuple[bool, str], list[Span]] = {key: [] for key in pending}
        for key, piece, segment in pieces:
            found[key].extend(
                shifted(span, segment.offset) for span in piece_spans[piece]
                if segment.owns_from <= span.start + segment.offset < segment.owns_to
            )
        for key, spans in found.items():
            known[key] = attributed(key[1], resolve_overlaps(spans, key[1]))
            if len(key[1]) <= CACHE_TEXT_CHARS:
                self._remember(self._cache if key[0] else self._other_cache, key[1], known[key])
        return [list(known[key]) for key in keys]

    def _docs(self, pieces: list[str]) -> Iterator[Doc]:
        """spaCy docs for the pieces, in calls of bounded size."""
        group: list[str] = []
        size = 0
        for piece in pieces:
            if group and (size + len(piece) > PIPE_CHARS or len(group) >= self.batch_size):
                yield from self.nlp.pipe(group, batch_size=len(group))
                group, size = [], 0
            group.append(tokenizable(piece))
            size += len(piece)
        if group:
            yield from self.nlp.pipe(group, batch_size=len(group))

    def _analyze_piece(self, text: str, doc: Doc, candidates: _Candidates | None = None) -> list[Span]:
        """Spans in one piece of text, with offsets in the piece, from the candidate recognizers (all)."""
        plans = (candidates or self._english).for_text(text, bool(doc.ents))
        if not plans:
            return []
        results = self.recognize(text, self.nlp_engine.artifacts(doc, tokenizable(text)), plans)
        return [to_span(result) for result in results if result.score >= MIN_SCORE]

    def recognize(self, text: str, artifacts: NlpArtifacts,
                  plans: list[_Plan] | None = None) -> list[RecognizerResult]:
        """What `AnalyzerEngine.analyze(text, "en", nlp_artifacts=artifacts)` returns, running only `plans`.

        The same steps in the same order: each recognizer, context enhancement, score thresholds,
        de-duplication; context enhancement is skipped when there is nothing to enhance. Presidio's
        enhancer raises a score only where one of the recognizer's context words is part of a token
        near the hit, so a result whose recognizer has none of its words anywhere in the (ASCII) text
        skips it, unchanged, as do the texts of most tweets.
        """
        plans = self._plans if plans is None else plans
        results: list[RecognizerResult] = []
        to_enhance: list[RecognizerResult] = []
        lowered = text.lower() if text.isascii() else None
        for plan in plans:
            recognizer = plan.recognizer
            found = recognizer.analyze(text=text, entities=self._entities, nlp_artifacts=artifacts)
            if not found:
                continue
            enhance = plan.enhances and (plan.context_words is None or lowered is None
                                         or any(word in lowered for word in plan.context_words))
            for result in found:
                metadata = result.recognition_metadata = result.recognition_metadata or {}
                metadata.setdefault(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, recognizer.id)
                metadata.setdefault(RecognizerResult.RECOGNIZER_NAME_KEY, recognizer_name(recognizer))
                (to_enhance if enhance else results).append(result)
        if not results and not to_enhance:
            return []
        if to_enhance:
            # Presidio's enhancer treats each result on its own but deep-copies every result it is
            # given: only the results of recognizers with context words go through it.
            results += enhance_using_context(self.analyzer, text, to_enhance, artifacts,
                                             [plan.recognizer for plan in plans])
        thresholds = {plan.recognizer.id: plan.thresholds for plan in plans}
        default = self.analyzer.default_score_threshold
        kept = []
        for result in results:
            recognizer_id = result.recognition_metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY)
            own = thresholds.get(recognizer_id, {})
            if result.score >= own.get(result.entity_type, own.get("default", default)):
                kept.append(result)
        return EntityRecognizer.remove_duplicates(kept)

    @staticmethod
    def _remember(cache: OrderedDict[str, list[Span]], text: str, spans: list[Span]) -> None:
        cache[text] = spans
        while len(cache) > CACHE_SIZE:
            cache.popitem(last=False)


def shifted(span: Span, offset: int) -> Span:
    return span if offset == 0 else replace(span, start=span.start + offset, end=span.end + offset)


def to_span(result: RecognizerResult) -> Span:
    metadata = result.recognition_metadata or {}
    detector = str(metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY, "unknown"))
    reason = metadata.get("reason") or STOCK_REASONS.get(detector)
    if not reason:
        explanation = result.analysis_explanation
        reason = (explanation.textual_explanation or explanation.pattern_name) if explanation else None
    return Span(
        entity=result.entity_type,
        start=result.start,
        end=result.end,
        score=round(float(result.score), 3),
        detector=detector,
        reason=str(reason or f"{detector} match"),
        first_person=bool(metadata.get("first_person", False)),
        subject=metadata.get("subject"),
    )
