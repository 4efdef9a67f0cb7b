"""What may leave a worker: findings with the raw value replaced by its masked form and keyed hash.

A worker detects on a unit's documents, then seals every finding: the raw value and the document text
stay in the worker's memory; what is scored (scanner.batch.subject, on a worker too) and sent to the
client holds locators, masked previews, masked snippets, keyed hashes and counts.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from detectors.engine import DetectionEngine
from scanner.batch.units import WorkUnit, unit_items
from scanner.identity import fingerprint, value_hash
from scanner.models import Finding
from scanner.redact import mask
from scanner.scan import ScanSummary, run_scan


@dataclass(frozen=True, slots=True)
class SealedFinding:
    """A finding whose `value` is empty: only its masked form and keyed hash travel."""

    finding: Finding
    value_masked: str
    value_hash: str
    """Keyed with the batch's secret on the worker, so findings are idempotent by fingerprint."""
    fingerprint: str


@dataclass(frozen=True, slots=True)
class UnitResult:
    """One unit's sealed findings, grouped by document, and what was read and skipped."""

    unit: WorkUnit
    documents: list[list[SealedFinding]]
    summary: ScanSummary
    seconds: float
    """Wall time on the worker (read, detect, seal; in a pack, its share by bytes), for throughput."""


def seal(found: Finding, key: bytes) -> SealedFinding:
    hashed = value_hash(found.value, found.entity, key)
    return SealedFinding(replace(found, value=""), mask(found.value, found.entity), hashed,
                         fingerprint(found.document.id, found.entity, hashed))


def scan_unit(unit: WorkUnit, engine: DetectionEngine, key: bytes, workers: int = 1) -> UnitResult:
    """Read and detect one unit; `workers` > 1 spreads detection over processes (the in-process batch)."""
    started = time.perf_counter()
    result = run_scan(unit_items(unit), engine, workers=workers)
    with result.findings:
        documents = [[seal(found, key) for found in document] for document in result.findings.documents()]
    return UnitResult(unit, documents, result.summary, time.perf_counter() - started)
