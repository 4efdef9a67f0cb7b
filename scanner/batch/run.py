"""The batch use case: subjects in, one scored result set per subject out, callable without the CLI.

Units run wherever the runner puts them (Dask workers, or this process); as the last unit of a
subject arrives the subject is scored on its own (scanner.batch.subject) and written (scanner.batch.sink),
and its units' results are dropped, so the client holds only subjects in flight.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from detectors.engine import DetectionEngine
from scanner.batch.sealed import UnitResult, scan_unit
from scanner.batch.sink import BatchSink
from scanner.batch.sources import Subject
from scanner.batch.subject import score_subject
from scanner.batch.units import SPLIT_BYTES, WorkUnit, plan_units
from scanner.errors import ExposureError
from scanner.models import Skipped


class UnitRunner(Protocol):
    """Where units run: yields each unit with its result (or why it failed) as it completes."""

    def describe(self) -> str: ...

    def results(self, units: Iterable[WorkUnit]) -> Iterator[tuple[WorkUnit, UnitResult | Skipped]]: ...


class InProcessRunner:
    """No cluster: units one after another here, detection spread over `workers` processes."""

    def __init__(self, model: str | None, key: bytes, workers: int) -> None:
        self.model = model
        self.key = key
        self.workers = workers

    def describe(self) -> str:
        return f"this process with {self.workers} detection workers"

    def results(self, units: Iterable[WorkUnit]) -> Iterator[tuple[WorkUnit, UnitResult | Skipped]]:
        engine = DetectionEngine.shared(self.model)
        for unit in units:
            try:
                outcome: UnitResult | Skipped = scan_unit(unit, engine, self.key, self.workers)
            except ExposureError as error:
                outcome = Skipped(unit.key, str(error))
            yield unit, outcome


@dataclass(frozen=True, slots=True)
class BatchOptions:
    db: Path
    """The SQLite ledger (summary, skips; findings too without `out`)."""
    out: Path | None = None
    """A folder for the Parquet dataset (findings partitioned by subject, and subjects.parquet)."""
    resume: bool = False
    """Skip subjects the ledger holds as complete."""
    split_bytes: int = SPLIT_BYTES


@dataclass(frozen=True, slots=True)
class BatchProgress:
    subjects_done: int
    subjects_total: int
    bytes_done: int
    bytes_total: int


@dataclass
class BatchReport:
    """What a batch did: for the summary line and the exit code."""

    subjects: int = 0
    resumed: int = 0
    """Subjects skipped because the ledger had them complete (--resume)."""
    written: int = 0
    documents: int = 0
    findings: int = 0
    bytes: int = 0
    skipped: list[tuple[str, Skipped]] = field(default_factory=list)
    """(subject, what was skipped): one line each."""
    incomplete: list[str] = field(default_factory=list)
    """Subjects left unwritten because a task of theirs failed (--resume runs them again)."""
    seconds: float = 0.0
    unit_seconds: float = 0.0
    """Sum of the units' time on their workers (read + detect)."""


def _finish(subject: Subject, outcomes: list[UnitResult | Skipped], sink: BatchSink,
            report: BatchReport) -> None:
    """Score and write a subject whose units all arrived; one whose task failed stays incomplete."""
    failed = [outcome for outcome in outcomes if isinstance(outcome, Skipped)]
    if failed:
        report.incomplete.append(subject.id)
        report.skipped.extend((subject.id, skip) for skip in failed)
        return
    result = score_subject(subject.id, [outcome for outcome in outcomes if isinstance(outcome, UnitResult)])
    sink.write(result, subject.consent, subject.notes)
    report.written += 1
    report.documents += result.documents
    report.findings += len(result.records)
    report.skipped.extend((subject.id, skip) for skip in result.skipped)
    report.unit_seconds += result.seconds


def run_batch(subjects: list[Subject], runner: UnitRunner, options: BatchOptions,
              on_progress: Callable[[BatchProgress], None] | None = None) -> BatchReport:
    """Scan every subject not yet complete, write each as it completes, and report."""
    started = time.perf_counter()
    report = BatchReport(subjects=len(subjects))
    with BatchSink(options.db, options.out) as sink:
        complete = sink.complete() if options.resume else set()
        todo = [subject for subject in subjects if subject.id not in complete]
        report.resumed = len(subjects) - len(todo)
        by_id = {subject.id: subject for subject in todo}
        units = [unit for subject in todo for unit in plan_units(subject, options.split_bytes)]
        waiting: defaultdict[str, int] = defaultdict(int)
        for unit in units:
            waiting[unit.subject] += 1
        arrived: dict[str, list[UnitResult | Skipped]] = defaultdict(list)
        progress = BatchProgress(0, len(todo), 0, sum(unit.size for unit in units))
        for unit, outcome in runner.results(units):
            arrived[unit.subject].append(outcome)
            waiting[unit.subject] -= 1
            done = 0
            if not waiting[unit.subject]:
                _finish(by_id[unit.subject], arrived.pop(unit.subject), sink, report)
                done = 1
            progress = BatchProgress(progress.subjects_done + done, progress.subjects_total,
                                     progress.bytes_done + unit.size, progress.bytes_total)
            if on_progress is not None:
                on_progress(progress)
        sink.write_summary_parquet()
    report.bytes = progress.bytes_done
    report.seconds = time.perf_counter() - started
    return report
