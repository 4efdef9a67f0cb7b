"""The batch use case: subjects in, one scored result set per subject out, callable without the CLI.

Subjects are cut into work units (scanner.batch.units) and the units packed into tasks
(scanner.batch.packs); packs run wherever the runner puts them (Dask workers, or this process) and come
back as scored subjects (scanner.batch.subject), each written as it arrives (scanner.batch.sink), so
the client holds only the pack it is writing. A pack whose task failed leaves its subjects incomplete.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from detectors.engine import DetectionEngine
from scanner.batch.packs import PACK_BYTES, Pack, plan_packs
from scanner.batch.sealed import scan_unit
from scanner.batch.sink import BatchSink
from scanner.batch.sources import Subject
from scanner.batch.stream import scan_pack
from scanner.batch.subject import SubjectResult, score_subject
from scanner.batch.units import SPLIT_BYTES, plan_units
from scanner.errors import ExposureError
from scanner.models import Skipped

TaskOutcome = list[SubjectResult] | Skipped
"""A pack's subjects scored, or why its task failed (its subjects are then left incomplete)."""


class PackRunner(Protocol):
    """Where packs run: yields each pack with its outcome as it completes."""

    def describe(self) -> str: ...

    def slots(self) -> int:
        """How many packs run at once (packs are cut so that each slot gets several)."""
        ...

    def results(self, packs: Iterable[Pack]) -> Iterator[tuple[Pack, TaskOutcome]]: ...


class InProcessRunner:
    """No cluster: packs one after another here, detection spread over `workers` processes."""

    def __init__(self, model: str | None, key: bytes, workers: int) -> None:
        self.model = model
        self.key = key
        self.workers = workers

    def describe(self) -> str:
        return f"this process with {self.workers} detection workers"

    def slots(self) -> int:
        return 1

    def _scan(self, pack: Pack, engine: DetectionEngine) -> list[SubjectResult]:
        if not pack.split:
            return scan_pack(pack.units, engine, self.key, self.workers)
        parts = [scan_unit(unit, engine, self.key, self.workers) for unit in pack.units]
        return [score_subject(pack.units[0].subject, parts)]

    def results(self, packs: Iterable[Pack]) -> Iterator[tuple[Pack, TaskOutcome]]:
        engine = DetectionEngine.shared(self.model)
        for pack in packs:
            try:
                outcome: TaskOutcome = self._scan(pack, engine)
            except ExposureError as error:
                outcome = Skipped(pack.key, str(error))
            yield pack, outcome


@dataclass(frozen=True, slots=True)
class BatchOptions:
    db: Path
    """The SQLite ledger (summary, skips; findings too without `out`)."""
    out: Path | None = None
    """A folder for the Parquet dataset (findings partitioned by subject, and subjects.parquet)."""
    resume: bool = False
    """Skip subjects the ledger holds as complete."""
    split_bytes: int = SPLIT_BYTES
    pack_bytes: int = PACK_BYTES
    """Bytes on disk per task of small subjects at most (fewer towards the end of the batch)."""


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
    """Sum of the units' time on their workers (read, detect, seal; a pack's time shared by bytes)."""


def _finish(pack: Pack, outcome: TaskOutcome, by_id: dict[str, Subject], sink: BatchSink,
            report: BatchReport) -> None:
    """Write a pack's scored subjects; those of a failed task stay incomplete, one line each."""
    if isinstance(outcome, Skipped):
        for name in pack.subjects:
            report.incomplete.append(name)
            report.skipped.append((name, Skipped("+".join(path.name for path in by_id[name].paths),
                                                 outcome.reason)))
        return
    for result in outcome:
        subject = by_id[result.subject]
        sink.write(result, subject.consent, subject.notes)
        report.written += 1
        report.documents += result.documents
        report.findings += len(result.records)
        report.skipped.extend((subject.id, skip) for skip in result.skipped)
        report.unit_seconds += result.seconds


def run_batch(subjects: list[Subject], runner: PackRunner, options: BatchOptions,
              on_progress: Callable[[BatchProgress], None] | None = None) -> BatchReport:
    """Scan every subject not yet complete, write each as its pack completes, and report."""
    started = time.perf_counter()
    report = BatchReport(subjects=len(subjects))
    with BatchSink(options.db, options.out) as sink:
        complete = sink.complete() if options.resume else set()
        todo = [subject for subject in subjects if subject.id not in complete]
        report.resumed = len(subjects) - len(todo)
        by_id = {subject.id: subject for subject in todo}
        units = [unit for subject in todo for unit in plan_units(subject, options.split_bytes)]
        packs = plan_packs(units, runner.slots(), options.pack_bytes)
        progress = BatchProgress(0, len(todo), 0, sum(unit.size for unit in units))
        for pack, outcome in runner.results(packs):
            _finish(pack, outcome, by_id, sink, report)
            progress = BatchProgress(progress.subjects_done + len(pack.subjects), progress.subjects_total,
                                     progress.bytes_done + pack.size, progress.bytes_total)
            if on_progress is not None:
                on_progress(progress)
        sink.write_summary_parquet()
    report.bytes = progress.bytes_done
    report.seconds = time.perf_counter() - started
    return report
