"""The batch use case in this process: per-subject results, resume, faults, sinks (scanner/batch/run.py)."""

from __future__ import annotations

import json
import pickle
import sqlite3
import sys
import zipfile
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from detectors.engine import DetectionEngine
from scanner.batch.sealed import scan_unit
from scanner.batch.sources import subjects_from
from scanner.batch.units import plan_units, unit_items
from scanner.cli import app
from scanner.commands.batch import SCALE_OUT
from scanner.models import Document
from scanner.scan import run_scan
from tests.batch.batch_runs import (
    SUBJECT_SAMPLES,
    archive_findings,
    assert_same,
    batch_findings,
    run_here,
    sample_folder,
)

JSON_COLUMNS = {"document_id", "document_kind", "source", "created_at", "entity", "category", "score",
                "detector", "value_redacted", "reason", "snippet", "visibility", "url", "first_person",
                "risk", "level", "about_me", "fingerprint"}
"""The record of `archive --no-store --format json`."""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_folder(tmp_path_factory.mktemp("exports"))


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
    after = sqlite3.connect(db).execute("SELECT count(*), count(DISTINCT subject) FROM findings").fetchone()
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
        row = db.execute("SELECT documents, skipped, grade FROM subjects WHERE subject = 'p9'").fetchone()
    assert row == (0, 2, "A")


def test_parquet_has_a_partition_per_subject_with_the_json_columns(folder: Path, tmp_path: Path,
                                                                   engine: DetectionEngine) -> None:
    out = tmp_path / "out"
    run_here([folder], tmp_path / "b.db", out=out)
    table = ds.dataset(out / "findings", partitioning="hive").to_table()
    assert set(table.column_names) == JSON_COLUMNS | {"subject", "value_hash"}
    assert sorted(path.name for path in (out / "findings").iterdir()) == \
        sorted(f"subject={name.split('.')[0]}" for name in SUBJECT_SAMPLES)
    rows = table.to_pylist()
    twitter = {row["fingerprint"]: row for row in rows if row["subject"] == "twitter-archive"}
    assert_same(twitter, archive_findings(engine, folder / "twitter-archive.zip"))
    subjects = pq.read_table(out / "subjects.parquet").to_pylist()
    assert [row["subject"] for row in subjects] == sorted(name.split(".")[0] for name in SUBJECT_SAMPLES)
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
    assert [row["subject"] for row in payload["subjects"]] == ["reddit-export"]
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
