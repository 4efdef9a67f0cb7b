"""What the batch tests share: sample subjects, a batch run in this process, and sequential `archive` runs."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

from rich.console import Console

from detectors.engine import DetectionEngine
from scanner.batch.packs import PACK_BYTES
from scanner.batch.run import BatchOptions, BatchReport, InProcessRunner, PackRunner, run_batch
from scanner.batch.sink import BatchSink
from scanner.batch.sources import subjects_from
from scanner.commands.archive import run_archive
from scanner.config import Settings, default_data_dir
from scanner.identity import load_or_create_key
from scanner.record import ScanOptions

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SUBJECT_SAMPLES = ("twitter-archive.zip", "mastodon-archive.tar.gz", "reddit-export.zip", "bluesky-repo.car")
"""A few small exports of different platforms and containers: one subject each."""
BATCH_ONLY = frozenset({"subject_id", "value_hash"})
"""What a batch record has beyond the JSON contract's keys: the participant and the keyed value hash."""


def sample_folder(folder: Path, names: tuple[str, ...] = SUBJECT_SAMPLES) -> Path:
    """A folder of archives, one per subject."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def run_here(sources: list[Path], db: Path, out: Path | None = None, resume: bool = False,
             split_bytes: int = 1 << 30, runner: PackRunner | None = None,
             pack_bytes: int = PACK_BYTES) -> BatchReport:
    runner = runner or InProcessRunner(None, load_or_create_key(default_data_dir()), 1)
    return run_batch(subjects_from(sources), runner, BatchOptions(db, out, resume, split_bytes, pack_bytes))


def batch_findings(db: Path, subject: str) -> dict[str, dict[str, Any]]:
    with BatchSink(db) as sink:
        return {record["fingerprint"]: record for record in sink.findings(subject)}


def archive_findings(engine: DetectionEngine, path: Path) -> dict[str, dict[str, Any]]:
    """A sequential `archive PATH --no-store --format json` (one process, same key), by fingerprint."""
    out = io.StringIO()
    run_archive([path], "json", False, None, Settings(), 1, Console(file=out, width=200),
                Console(file=io.StringIO(), width=200), ScanOptions(store=False), engine=engine)
    return {record["fingerprint"]: record for record in json.loads(out.getvalue())["findings"]}


def assert_same(batch: dict[str, dict[str, Any]], sequential: dict[str, dict[str, Any]]) -> None:
    """Finding for finding: the same fingerprints, each with every key of the JSON contract equal (place,
    value preview, risk, whose data it is: first_person, third_party, subject, mention, ...), and
    nothing else but the batch's own columns."""
    assert batch.keys() == sequential.keys()
    for fingerprint, record in sequential.items():
        assert batch[fingerprint].keys() == record.keys() | BATCH_ONLY
        ours = {name: batch[fingerprint][name] for name in record}
        assert ours == record
