"""Where a batch's results go: a SQLite ledger (subjects, skips, findings) and optionally Parquet.

The SQLite file (`--db`) is the batch's ledger: one row per complete subject with its summary (counts
per category, profile score and grade, skipped members) for the study's data-management plan, which is
also what `--resume` reads. Findings go into it too, unless `--out DIR` is given: then they form a
Parquet dataset partitioned by subject (`DIR/findings/subject_id=ID/part-0.parquet`) that pandas, DuckDB
and Spark read as one table, with `DIR/subjects.parquet` beside it. A subject is written in one
transaction (and a partition by one rename), replacing any earlier rows of it, so a subject written twice
is there once.

A finding's columns are the per-finding keys of `archive --no-store --format json`, built by the same
function (report.export.scored_record), plus `value_hash` (the keyed hash, to match a value across
subjects without reading it) and `subject_id`, the participant. The participant is `subject_id`
everywhere in the batch's output because the contract's `subject` already means whose attribute a
finding is (self, named, relative). The `factors` that `--explain` adds are left out: a nested list per
finding, recomputable from the other columns, that would make every row several times larger.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

from scanner.batch.subject import Record, SubjectResult
from scanner.dbfile import private_folders
from scanner.errors import OutputError, StoreError

SUBJECT_ID = "subject_id"
"""The participant's column (the contract's `subject` is whose attribute a finding is)."""
COLUMNS: tuple[tuple[str, str], ...] = (
    (SUBJECT_ID, "string"), ("document_id", "string"), ("document_kind", "string"), ("source", "string"),
    ("created_at", "string"), ("entity", "string"), ("category", "string"), ("score", "double"),
    ("detector", "string"), ("value_redacted", "string"), ("reason", "string"), ("snippet", "string"),
    ("visibility", "string"), ("url", "string"), ("first_person", "bool"), ("third_party", "string"),
    ("subject", "string"), ("mention", "bool"), ("risk", "double"), ("level", "string"),
    ("about_me", "bool"), ("fingerprint", "string"), ("value_hash", "string"),
)
"""A finding's columns: the JSON contract's (report.export.scored_record), the subject id, the value hash."""
FLAGS = tuple(name for name, kind in COLUMNS if kind == "bool")
"""Columns SQLite keeps as 0 or 1, read back as booleans."""
SUMMARY_COLUMNS: tuple[tuple[str, str], ...] = (
    (SUBJECT_ID, "string"), ("consent", "string"), ("notes", "string"), ("documents", "int64"),
    ("findings", "int64"), ("skipped", "int64"), ("profile_score", "double"), ("grade", "string"),
    ("by_category", "string"), ("completed_at", "string"),
)
_RECORD_VALUES = itemgetter(*(name for name, _ in COLUMNS[1:]))
"""A record's values in column order, after the subject id (read in C: thousands of rows per subject)."""
_SQL_TYPES = {"string": "TEXT", "double": "REAL", "bool": "INTEGER", "int64": "INTEGER"}
_LAYOUT = {"subjects": [name for name, _ in SUMMARY_COLUMNS], "skipped": [SUBJECT_ID, "place", "reason"],
           "findings": [name for name, _ in COLUMNS]}
"""Each ledger table's columns, in order: what a ledger to resume must have."""


def _columns(columns: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(f"{name} {_SQL_TYPES[kind]}" for name, kind in columns)


_SCHEMA = f"""
    CREATE TABLE IF NOT EXISTS subjects ({_columns(SUMMARY_COLUMNS)}, PRIMARY KEY (subject_id));
    CREATE TABLE IF NOT EXISTS skipped (subject_id TEXT NOT NULL, place TEXT NOT NULL, reason TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS skipped_subject ON skipped(subject_id);
    CREATE TABLE IF NOT EXISTS findings ({_columns(COLUMNS)}, PRIMARY KEY (subject_id, fingerprint))
        WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS findings_risk ON findings(subject_id, risk DESC);
"""


def check_ledger(db: Path) -> None:
    """Refuse, before a cluster is started or anything written, a ledger of another version of `batch`
    (the participant was once `subject`) or another kind of database: resuming into it would mix
    layouts. The file is only read, and a missing one is fine (the batch creates it)."""
    if not db.is_file():
        return
    try:
        with closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)) as ledger:
            tables = {table: [row[1] for row in ledger.execute(f"PRAGMA table_info({table})")]
                      for table in _LAYOUT}
    except sqlite3.Error as error:
        raise StoreError(f"cannot open the batch database {db}: {error}") from error
    for table, columns in tables.items():
        if columns and columns != _LAYOUT[table]:
            raise StoreError(f"{db} is not a batch ledger of this version (its {table} table has other "
                             f"columns): pass a new --db for this batch")


def _private_file(path: Path) -> None:
    private_folders(path.parent)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)


class BatchSink:
    """The ledger, plus the Parquet dataset when `out` is given. Use as a context manager."""

    def __init__(self, db: Path, out: Path | None = None) -> None:
        self.db_path = db
        self.out = out
        check_ledger(db)
        try:
            _private_file(db)
            self._db = sqlite3.connect(db, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")  # as the findings store: no fsync per subject
            self._db.executescript(_SCHEMA)
        except (sqlite3.Error, OSError) as error:
            raise StoreError(f"cannot open the batch database {db}: {error}") from error
        self._sides_private = self._private_side_files()

    def __enter__(self) -> BatchSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self._db.close()
        self._private_side_files()

    def _private_side_files(self) -> bool:
        """Make SQLite's -wal and -shm files 0600; whether both exist (then they stay as they are: a
        subject written checks no more)."""
        sides = [Path(f"{self.db_path}{suffix}") for suffix in ("-wal", "-shm")]
        for side in sides:
            if side.exists():
                os.chmod(side, 0o600)
        return all(side.exists() for side in sides)

    def complete(self) -> set[str]:
        """Subjects already written (what --resume skips)."""
        return {row[0] for row in self._db.execute("SELECT subject_id FROM subjects")}

    def write(self, result: SubjectResult, consent: str = "", notes: str = "") -> None:
        """Replace the subject's rows with these; the summary row last, so it marks the subject complete."""
        if self.out is not None:
            self._write_partition(result)
        row = (result.subject, consent, notes, result.documents, len(result.records), len(result.skipped),
               result.profile.score, result.profile.grade, json.dumps(result.by_category),
               datetime.now(UTC).isoformat(timespec="seconds"))
        try:
            self._db.execute("BEGIN IMMEDIATE")
            for table in ("subjects", "skipped", "findings"):
                self._db.execute(f"DELETE FROM {table} WHERE subject_id = ?", (result.subject,))
            self._db.executemany("INSERT INTO skipped VALUES (?, ?, ?)",
                                 ((result.subject, skip.where, skip.reason) for skip in result.skipped))
            if self.out is None:
                marks = ", ".join("?" for _ in COLUMNS)
                rows = ((result.subject, *_RECORD_VALUES(record)) for record in result.records)
                self._db.executemany(f"INSERT INTO findings VALUES ({marks})", rows)
            self._db.execute(f"INSERT INTO subjects VALUES ({', '.join('?' for _ in SUMMARY_COLUMNS)})", row)
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StoreError(f"cannot store subject {result.subject} in {self.db_path}: {error}") from error
        finally:
            if not self._sides_private:
                self._sides_private = self._private_side_files()

    def summary(self) -> list[dict[str, Any]]:
        """The per-subject summary table, in subject order."""
        names = [name for name, _ in SUMMARY_COLUMNS]
        rows = self._db.execute(f"SELECT {', '.join(names)} FROM subjects ORDER BY subject_id")
        return [dict(zip(names, row, strict=True)) for row in rows]

    def skips(self, subject: str) -> list[tuple[str, str]]:
        return list(self._db.execute("SELECT place, reason FROM skipped WHERE subject_id = ?", (subject,)))

    def findings(self, subject: str) -> Iterator[Record]:
        """A subject's findings from the database (not written there with --out), riskiest first."""
        names = [name for name, _ in COLUMNS]
        sql = f"SELECT {', '.join(names)} FROM findings WHERE subject_id = ? ORDER BY risk DESC"
        for row in self._db.execute(sql, (subject,)):
            record = dict(zip(names, row, strict=True))
            for flag in FLAGS:
                record[flag] = bool(record[flag])
            yield record

    def _write_partition(self, result: SubjectResult) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        assert self.out is not None
        folder = self.out / "findings" / f"{SUBJECT_ID}={result.subject}"
        try:
            private_folders(folder)
            columns = list(COLUMNS[1:])  # the subject id is the partition's name
            rows = [{name: record[name] for name, _ in columns} for record in result.records]
            table = pa.Table.from_pylist(rows, schema=_schema(columns))
            _write_private_parquet(table, folder / "part-0.parquet", pq.write_table)
        except OSError as error:
            raise OutputError(f"cannot write {folder}: {error}") from error

    def write_summary_parquet(self) -> None:
        """`DIR/subjects.parquet`: the summary table of every complete subject (with `--out` only: pyarrow
        is not even imported without it, which would cost the end of every batch 0.4 s)."""
        if self.out is None:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(self.summary(), schema=_schema(list(SUMMARY_COLUMNS)))
        try:
            _write_private_parquet(table, self.out / "subjects.parquet", pq.write_table)
        except OSError as error:
            raise OutputError(f"cannot write {self.out / 'subjects.parquet'}: {error}") from error


def _schema(columns: list[tuple[str, str]]) -> Any:
    import pyarrow as pa

    kinds = {"string": pa.string(), "double": pa.float64(), "bool": pa.bool_(), "int64": pa.int64()}
    return pa.schema([(name, kinds[kind]) for name, kind in columns])


def _write_private_parquet(table: Any, path: Path, write: Any) -> None:
    """Write next to `path`, make it 0600, then rename over it: readers never see half a file."""
    partial = path.with_name(f".{path.name}.partial")
    _private_file(partial)
    write(table, partial)
    os.chmod(partial, 0o600)
    os.replace(partial, path)
