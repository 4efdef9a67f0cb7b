"""Detection over a stream of documents, batched through spaCy and spread over worker processes.

Documents arrive as a generator (an archive of millions of posts never sits in memory); they are
cut into batches, each batch is analysed in one `nlp.pipe` pass, and with several workers the
batches run in parallel processes. Order is kept, and only the parent reads the input.

Where `fork` exists (Linux) the workers are forked from a parent that has built the engine, so
they start in milliseconds and share its model pages; elsewhere (`spawn`) each worker builds its own
engine once. A worker that dies (killed, out of memory) ends the run with a `DetectionError`
instead of hanging it, and a document that makes a recognizer raise is reported as skipped.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from itertools import islice

from detectors.engine import DetectionEngine
from detectors.findings import findings_for
from detectors.language import ENGLISH, language_of, prefetch
from detectors.model import choose_model
from scanner.errors import DetectionError
from scanner.models import Document, Finding, Skipped

BATCH_DOCUMENTS = 256
IN_FLIGHT_PER_WORKER = 3
"""Batches queued per worker: enough to keep it busy, few enough to keep memory flat."""

Outcome = list[Finding] | Skipped
"""What detection gives for one document: its findings, or why it could not be analysed."""

_worker_engine: DetectionEngine | None = None


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def _with_languages(batches: Iterable[list[Document]]) -> Iterator[list[Document]]:
    for batch in batches:
        yield [with_language(document) for document in batch]


def with_language(document: Document) -> Document:
    """The document with its language (see detectors.language) in `metadata['language']`."""
    code = language_of(document.text, document.metadata).code
    if document.metadata.get("language") == code:
        return document
    return replace(document, metadata={**document.metadata, "language": code})


def _english(document: Document) -> bool:
    return language_of(document.text, document.metadata).code == ENGLISH


def detect_batch(engine: DetectionEngine, batch: list[Document]) -> list[Outcome]:
    """Findings for each document of the batch; if the batch fails, each document is retried alone."""
    try:
        spans = engine.analyze_many([document.text for document in batch], [_english(doc) for doc in batch])
    except Exception:  # retried one by one below, so the failure is pinned to a document
        return [_detect_one(engine, document) for document in batch]
    return [findings_for(document, found) for document, found in zip(batch, spans, strict=True)]


def _detect_one(engine: DetectionEngine, document: Document) -> Outcome:
    try:
        return findings_for(document, engine.analyze(document.text, _english(document)))
    except Exception as error:  # reported as a skip; its message may quote the text, so only its type
        return Skipped(document.id, f"detection failed on this document ({type(error).__name__})")


def _use_engine(engine: DetectionEngine | None, model: str) -> None:
    global _worker_engine
    if engine is None:
        engine = DetectionEngine(model)
        engine.prepare_for_many_texts()
    _worker_engine = engine


def _detect_in_worker(batch: list[Document]) -> list[Outcome]:
    assert _worker_engine is not None
    return detect_batch(_worker_engine, batch)


def _pairs(batch: list[Document], outcomes: list[Outcome],
           on_skip: Callable[[Skipped], None] | None) -> Iterator[tuple[Document, list[Finding]]]:
    for document, outcome in zip(batch, outcomes, strict=True):
        if isinstance(outcome, Skipped):
            if on_skip is None:
                raise DetectionError(f"{outcome.where}: {outcome.reason}")
            on_skip(outcome)
        else:
            yield document, outcome


def detect_documents(
    documents: Iterable[Document],
    engine: DetectionEngine | None = None,
    model: str | None = None,
    workers: int = 1,
    batch_size: int = BATCH_DOCUMENTS,
    on_skip: Callable[[Skipped], None] | None = None,
) -> Iterator[tuple[Document, list[Finding]]]:
    """Each document with its findings, in input order; the document carries its language in metadata.

    With one worker, or input that fits in one batch, the given (or a new) engine runs in this
    process. With more, batches are handed to worker processes as they are read, so reading
    overlaps with detecting and memory stays bounded to a few batches per worker. A document
    detection fails on goes to `on_skip` (without it, the run stops with a DetectionError).
    """
    batches = _batches(documents, batch_size)
    first = next(batches, None)
    if first is None:
        return
    prefetch((document.text, document.metadata) for document in first)
    second = next(batches, None) if workers > 1 else None
    if second is None:
        engine = engine or DetectionEngine.shared(model)
        for number, batch in enumerate(_with_languages(_chain(first, None, batches))):
            if number == 1:  # a run of many texts: a one-line input never pays for this
                engine.prepare_for_many_texts()
            yield from _pairs(batch, detect_batch(engine, batch), on_skip)
        return
    yield from _parallel(_with_languages(_chain(first, second, batches)), engine, model, workers, on_skip)


def _chain(first: list[Document], second: list[Document] | None,
           rest: Iterator[list[Document]]) -> Iterator[list[Document]]:
    yield first
    if second is not None:
        yield second
    yield from rest


def _parallel(
    batches: Iterator[list[Document]],
    engine: DetectionEngine | None,
    model: str | None,
    workers: int,
    on_skip: Callable[[Skipped], None] | None,
) -> Iterator[tuple[Document, list[Finding]]]:
    forking = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forking else "spawn")
    initargs: tuple[DetectionEngine | None, str]
    if forking:
        engine = engine or DetectionEngine.shared(model)
        engine.prepare_for_many_texts()
        initargs = (engine, engine.model_name)
    else:
        initargs = (None, engine.model_name if engine else choose_model(model))
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_use_engine, initargs=initargs)
    pending: deque[tuple[list[Document], Future[list[Outcome]]]] = deque()
    batch: list[Document] = []
    try:
        for batch in batches:
            pending.append((batch, pool.submit(_detect_in_worker, batch)))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                batch, future = pending.popleft()
                yield from _pairs(batch, future.result(), on_skip)
        while pending:
            batch, future = pending.popleft()
            yield from _pairs(batch, future.result(), on_skip)
    except BrokenProcessPool as error:
        near = f" near document {batch[0].id}" if batch else ""
        raise DetectionError(
            f"a detection worker process died (out of memory or killed){near}; rerun with --workers 1"
        ) from error
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
