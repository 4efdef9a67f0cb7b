"""The batch use case in this process: per-subject results, resume, faults, sinks (scanner/batch/run.py)."""

from __future__ import annotations

import json
import pickle
import sqlite3
import sys
import zipfile
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from detectors.engine import DetectionEngine
from scanner.batch.sealed import scan_unit
from scanner.batch.sink import BatchSink
from scanner.batch.sources import subjects_from
from scanner.batch.units import plan_units, unit_items
from scanner.cli import app
from scanner.commands.batch import SCALE_OUT
from scanner.errors import StoreError
from scanner.models import Document
from scanner.scan import run_scan
from scanner.store import Store
from tests.batch.batch_runs import (
    BATCH_ONLY,
    SAMPLES,
    SUBJECT_SAMPLES,
    archive_findings,
    assert_same,
    batch_findings,
    run_here,
    sample_folder,
)

RECEIVED = "linkedin-export.zip"
"""A sample with messages received and connections (third_party) and first-person disclosures."""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_folder(tmp_path_factory.mktemp("exports"))


@pytest.fixture
def received_archive(engine: DetectionEngine) -> dict[str, dict[str, Any]]:
    """`archive --no-store --format json` of the LinkedIn sample, by fingerprint (with the test's own key,
    as the batch's fingerprints are: function-scoped, so after the test's own EXPOSURE_HOME is set)."""
    return archive_findings(engine, SAMPLES / RECEIVED)


@pytest.fixture
def json_keys(received_archive: dict[str, dict[str, Any]]) -> set[str]:
    """The per-finding keys the running code emits for `archive --no-store --format json` (the contract the
    batch's columns must follow, read here rather than written down so that they cannot drift apart)."""
    keys = {frozenset(record) for record in received_archive.values()}
    assert len(keys) == 1
    return set(next(iter(keys)))


def test_whose_data_a_finding_is_equals_the_archive_json(tmp_path: Path, json_keys: set[str],
                                                         received_archive: dict[str, dict[str, Any]]) -> None:
    out = tmp_path / "out"
    run_here([sample_folder(tmp_path / "in", (RECEIVED,))], tmp_path / "b.db", out=out)
    table = ds.dataset(out / "findings", partitioning="hive").to_table()
    assert set(table.column_names) == json_keys | BATCH_ONLY
    batch = {row["fingerprint"]: row for row in table.to_pylist()}
    assert batch.keys() == received_archive.keys()
    whose = ("first_person", "third_party", "subject", "mention")
    for fingerprint, record in received_archive.items():
        assert {key: batch[fingerprint][key] for key in whose} == {key: record[key] for key in whose}
    assert {row["third_party"] for row in batch.values()} >= {"message received", "connections"}
    assert {row["subject"] for row in batch.values()} >= {"self", None}
    assert any(row["first_person"] for row in batch.values())
    assert {row["subject_id"] for row in batch.values()} == {RECEIVED.split(".")[0]}


def test_a_ledger_of_the_old_layout_is_one_line_asking_for_a_new_db(folder: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    with sqlite3.connect(old) as db:  # as `batch` wrote it when the participant's column was `subject`
        db.execute("CREATE TABLE subjects (subject TEXT, consent TEXT, notes TEXT, documents INTEGER, "
                   "findings INTEGER, skipped INTEGER, profile_score REAL, grade TEXT, by_category TEXT, "
                   "completed_at TEXT, PRIMARY KEY (subject))")
        db.execute("INSERT INTO subjects (subject) VALUES ('reddit-export')")
    before = old.read_bytes()
    result = CliRunner().invoke(app, ["batch", str(folder / "reddit-export.zip"), "--cluster", "none",
                                      "--db", str(old), "--resume"])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    [line] = result.stderr.strip().splitlines()
    assert str(old) in line and "subjects table" in line and "new --db" in line
    assert old.read_bytes() == before


def test_a_findings_database_is_refused_as_a_ledger(tmp_path: Path) -> None:
    with Store(tmp_path / "findings.db"):
        pass
    with pytest.raises(StoreError, match="findings table has other columns"):
        BatchSink(tmp_path / "findings.db")


def test_each_subject_equals_its_sequential_archive_run(folder: Path, tmp_path: Path,
                                                        engine: DetectionEngine) -> None:
    report = run_here([folder], tmp_path / "b.db")
    assert (report.subjects, report.written, report.skipped) == (4, 4, [])
    for name in SUBJECT_SAMPLES:
        subject = name.split(".")[0]
        sequential = archive_findings(engine, folder / name)
        assert sequential, name
        assert_same(batch_findings(tmp_path / "b.db", subject), sequential)


def test_resume_skips_complete_subjects_and_a_rerun_doubles_nothing(folder: Path, tmp_path: Path,
                                                                    engine: DetectionEngine) -> None:
    db = tmp_path / "b.db"
    run_here([folder / SUBJECT_SAMPLES[0]], db)
    resumed = run_here([folder], db, resume=True)
    assert (resumed.resumed, resumed.written) == (1, 3)
    before = sqlite3.connect(db).execute(
        "SELECT count(*), count(DISTINCT fingerprint) FROM findings").fetchone()
    again = run_here([folder], db)
    after = sqlite3.connect(db).execute(
        "SELECT count(*), count(DISTINCT subject_id) FROM findings").fetchone()
    assert again.written == 4 and before[0] == before[1] == after[0] and after[1] == 4


def test_a_corrupt_archive_is_one_skipped_line_for_its_subject(folder: Path, tmp_path: Path) -> None:
    broken = tmp_path / "in"
    sample_folder(broken, SUBJECT_SAMPLES[:1])
    (broken / "p9.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    report = run_here([broken], tmp_path / "b.db")
    assert report.written == 2
    assert {subject for subject, _ in report.skipped} == {"p9"}
    assert [skip.where for _, skip in report.skipped] == ["p9.zip!", "p9.zip"]  # what `archive` says of it
    with sqlite3.connect(tmp_path / "b.db") as db:
        row = db.execute("SELECT documents, skipped, grade FROM subjects WHERE subject_id = 'p9'").fetchone()
    assert row == (0, 2, "A")


def test_parquet_has_a_partition_per_subject_with_the_json_columns(folder: Path, tmp_path: Path,
                                                                   engine: DetectionEngine,
                                                                   json_keys: set[str]) -> None:
    out = tmp_path / "out"
    run_here([folder], tmp_path / "b.db", out=out)
    table = ds.dataset(out / "findings", partitioning="hive").to_table()
    assert set(table.column_names) == json_keys | BATCH_ONLY
    assert sorted(path.name for path in (out / "findings").iterdir()) == \
        sorted(f"subject_id={name.split('.')[0]}" for name in SUBJECT_SAMPLES)
    rows = table.to_pylist()
    twitter = {row["fingerprint"]: row for row in rows if row["subject_id"] == "twitter-archive"}
    assert_same(twitter, archive_findings(engine, folder / "twitter-archive.zip"))
    subjects = pq.read_table(out / "subjects.parquet").to_pylist()
    assert [row["subject_id"] for row in subjects] == sorted(name.split(".")[0] for name in SUBJECT_SAMPLES)
    assert sum(row["findings"] for row in subjects) == len(rows)
    assert json.loads(subjects[0]["by_category"])
    with sqlite3.connect(tmp_path / "b.db") as db:
        in_db = db.execute("SELECT count(*) FROM findings").fetchone()
    assert in_db == (0,)  # with --out, Parquet holds the findings
    for written in [tmp_path / "b.db", out / "subjects.parquet", *out.glob("findings/*/*")]:
        assert written.stat().st_mode & 0o077 == 0, written


def test_what_leaves_a_worker_is_sealed_and_holds_no_document_text(folder: Path,
                                                                    engine: DetectionEngine) -> None:
    [unit] = plan_units(subjects_from([folder / "twitter-archive.zip"])[0])
    texts = [item.text for item in unit_items(unit) if isinstance(item, Document) and len(item.text) > 60]
    raw = {found.value for document in run_scan(unit_items(unit), engine).findings.documents()
           for found in document}
    result = scan_unit(unit, engine, b"k" * 32)
    sealed = [item for document in result.documents for item in document]
    assert sealed and {item.finding.value for item in sealed} == {""}
    assert not {item.value_masked for item in sealed} & raw
    travels = pickle.dumps(result)
    assert texts and not [text for text in texts if text.encode() in travels]


def test_stored_values_are_masked(folder: Path, tmp_path: Path, engine: DetectionEngine) -> None:
    from tests.archives.test_archive_cli import archive_json

    _, payload, _ = archive_json(engine, folder / "twitter-archive.zip")
    raw = {finding["value"] for finding in payload["findings"]}
    run_here([folder / "twitter-archive.zip"], tmp_path / "b.db", out=tmp_path / "out")
    run_here([folder / "twitter-archive.zip"], tmp_path / "c.db")
    previews = ds.dataset(tmp_path / "out" / "findings").to_table().column("value_redacted").to_pylist()
    with sqlite3.connect(tmp_path / "c.db") as db:
        previews += [row[0] for row in db.execute("SELECT value_redacted FROM findings")]
    assert previews and not set(previews) & raw


def test_the_command_runs_in_this_process_without_dask(folder: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       engine: DetectionEngine) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the [dask] extra were not installed
    result = CliRunner().invoke(app, ["batch", str(folder / "reddit-export.zip"), "--db",
                                      str(tmp_path / "b.db"), "--workers", "1", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert SCALE_OUT in result.stderr
    payload = json.loads(result.stdout)
    assert [row["subject_id"] for row in payload["subjects"]] == ["reddit-export"]
    assert "1 of 1 subjects scanned" in result.stderr


def test_a_cluster_address_without_dask_is_a_usage_error(folder: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    result = CliRunner().invoke(app, ["batch", str(folder), "--cluster", "tcp://127.0.0.1:1",
                                      "--db", str(tmp_path / "b.db")])
    assert result.exit_code == 2 and "needs Dask" in result.stderr


def test_the_command_exits_3_when_a_subject_had_skips(tmp_path: Path, engine: DetectionEngine) -> None:
    bad = tmp_path / "p1.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("../escape.txt", "x")
    result = CliRunner().invoke(app, ["batch", str(bad), "--cluster", "none", "--db", str(tmp_path / "b.db")])
    assert result.exit_code == 3, result.output
    assert "skipped p1: " in result.stderr and "1 skipped" in result.stderr
