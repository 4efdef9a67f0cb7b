"""A pack of whole subjects read as one detection stream, then scored per subject where it ran.

Small exports give spaCy a dozen documents each; one stream over the pack fills its batches (256
documents) and pays the stream's set-up once. Detection keeps input order and gives every document
exactly one outcome (its findings, or a skip), so a queue of the subjects the documents were read for
says whose each outcome is. Each subject is then scored on its own (scanner.batch.subject) before the
pack returns, so only scored, redacted records leave the worker and the client just writes them.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterator

from detectors.batch import detect_documents
from detectors.engine import DetectionEngine
from scanner.batch.sealed import SealedFinding, UnitResult, seal
from scanner.batch.subject import SubjectResult, score_subject
from scanner.batch.units import WorkUnit, unit_items
from scanner.models import Document, Skipped
from scanner.scan import ScanSummary


def _documents(units: tuple[WorkUnit, ...], summaries: list[ScanSummary],
               owners: deque[int]) -> Iterator[Document]:
    """The pack's documents in order; each one's subject index queued, reading skips counted at once."""
    for index, unit in enumerate(units):
        for item in unit_items(unit):
            if isinstance(item, Skipped):
                summaries[index].skipped.append(item)
            else:
                summaries[index].count_document(item)
                owners.append(index)
                yield item


def scan_pack(units: tuple[WorkUnit, ...], engine: DetectionEngine, key: bytes,
              workers: int = 1) -> list[SubjectResult]:
    """Read, detect, seal and score whole subjects; `workers` > 1 spreads detection over processes."""
    started = time.perf_counter()
    summaries = [ScanSummary() for _ in units]
    sealed: list[list[list[SealedFinding]]] = [[] for _ in units]
    owners: deque[int] = deque()

    def skipped(skip: Skipped) -> None:
        summaries[owners.popleft()].skipped.append(skip)

    for document, found in detect_documents(_documents(units, summaries, owners), engine=engine,
                                            workers=workers, on_skip=skipped):
        index = owners.popleft()
        kept = summaries[index].record(document, found)
        if kept:
            sealed[index].append([seal(finding, key) for finding in kept])
    seconds = time.perf_counter() - started
    total = max(1, sum(unit.size for unit in units))
    return [score_subject(unit.subject, [UnitResult(unit, documents, summary, seconds * unit.size / total)])
            for unit, documents, summary in zip(units, sealed, summaries, strict=True)]
