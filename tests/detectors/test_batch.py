"""Batch detection: order kept across worker processes, a dead worker ends the run instead of hanging it."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator

import pytest

from detectors.batch import detect_documents
from detectors.engine import DetectionEngine
from scanner.errors import DetectionError
from scanner.models import Document, Finding

TEXTS = [
    "Write to ann.lee@example.com.",
    "nothing here",
    "Visit https://example.org/ann please.",
    "Call 555-0100? no, that is not a phone.",
]


def documents(count: int) -> list[Document]:
    return [Document(id=f"doc-{n}", text=f"{TEXTS[n % len(TEXTS)]} #{n}", source="test")
            for n in range(count)]


def summary(pairs: Iterator[tuple[Document, list[Finding]]]) -> list[tuple[str, list[tuple[str, int, int]]]]:
    return [(document.id, [(f.entity, f.start, f.end) for f in found]) for document, found in pairs]


def test_workers_keep_order_and_results(engine: DetectionEngine) -> None:
    """Two worker processes over five small batches give what one process gives, in input order."""
    alone = summary(detect_documents(documents(20), engine=engine, workers=1, batch_size=4))
    together = summary(detect_documents(iter(documents(20)), engine=engine, workers=2, batch_size=4))
    assert together == alone
    assert [doc_id for doc_id, _ in together] == [f"doc-{n}" for n in range(20)]
    assert any(found for _, found in together)


def test_one_batch_runs_in_this_process(engine: DetectionEngine) -> None:
    seen_children = []

    def watched() -> Iterator[Document]:
        for document in documents(3):
            seen_children.append(len(multiprocessing.active_children()))
            yield document

    assert len(summary(detect_documents(watched(), engine=engine, workers=4))) == 3
    assert not any(seen_children)


def test_a_dead_worker_ends_the_run_with_an_error(engine: DetectionEngine) -> None:
    """A worker killed mid-run (as the OOM killer would) raises DetectionError; nothing hangs."""

    def killing() -> Iterator[Document]:
        for number, document in enumerate(documents(40)):
            if number == 20:
                for child in multiprocessing.active_children():
                    os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
            yield document

    def timeout(*_: object) -> None:
        raise AssertionError("detection hung after a worker died")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(120)
    try:
        with pytest.raises(DetectionError, match="worker process died"):
            summary(detect_documents(killing(), engine=engine, workers=2, batch_size=4))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
