"""Detection over a stream of documents, batched through spaCy and spread over worker processes.

Documents arrive as a generator (an archive of millions of posts never sits in memory); they are
cut into batches, each batch is analysed in one `nlp.pipe` pass, and with several workers the
batches run in parallel processes, each holding its own engine. Order is kept.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult

from detectors.engine import DetectionEngine
from detectors.findings import findings_for
from detectors.model import choose_model
from scanner.models import Document, Finding

BATCH_DOCUMENTS = 256
IN_FLIGHT_PER_WORKER = 3
"""Batches queued per worker: enough to keep it busy, few enough to keep memory flat."""

_worker_engine: DetectionEngine | None = None


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def detect_batch(engine: DetectionEngine, batch: list[Document]) -> list[tuple[Document, list[Finding]]]:
    spans = engine.analyze_many([document.text for document in batch])
    return [(document, findings_for(document, found)) for document, found in zip(batch, spans, strict=True)]


def _init_worker(model: str) -> None:
    global _worker_engine
    _worker_engine = DetectionEngine(model)


def _detect_in_worker(batch: list[Document]) -> list[tuple[Document, list[Finding]]]:
    assert _worker_engine is not None
    return detect_batch(_worker_engine, batch)


def detect_documents(
    documents: Iterable[Document],
    engine: DetectionEngine | None = None,
    model: str | None = None,
    workers: int = 1,
    batch_size: int = BATCH_DOCUMENTS,
) -> Iterator[tuple[Document, list[Finding]]]:
    """Each document with its findings, in input order.

    With one worker the given (or a new) engine runs in this process. With more, each worker process
    builds its own engine once and batches are handed out as they are read, so reading overlaps
    with detecting and memory stays bounded to a few batches per worker.
    """
    if workers <= 1:
        engine = engine or DetectionEngine(model)
        for batch in _batches(documents, batch_size):
            yield from detect_batch(engine, batch)
        return
    model_name = engine.model_name if engine else choose_model(model)
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with context.Pool(workers, initializer=_init_worker, initargs=(model_name,)) as pool:
        pending: deque[AsyncResult[list[tuple[Document, list[Finding]]]]] = deque()
        for batch in _batches(documents, batch_size):
            pending.append(pool.apply_async(_detect_in_worker, (batch,)))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
