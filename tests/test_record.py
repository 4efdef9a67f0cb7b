"""record_scan, the use case every scanning command ends with, called without the CLI or a view."""

from __future__ import annotations

from pathlib import Path

from detectors.engine import DetectionEngine
from scanner.config import load_settings
from scanner.models import Document, DocumentKind
from scanner.record import ScanOptions, record_scan
from scanner.scan import ScanResult, run_scan
from scanner.store import Store

TEXT = "Write to rowan.hale@example.org. I was diagnosed with type 1 diabetes in 2019."


def _result(engine: DetectionEngine) -> ScanResult:
    document = Document(id="notes/1", text=TEXT, source="files", kind=DocumentKind.NOTE)
    return run_scan([document], engine=engine)


def test_a_stored_scan_is_kept_with_its_profile(tmp_path: Path, engine: DetectionEngine) -> None:
    settings = load_settings(environ={}, overrides={"db": str(tmp_path / "x.db")})
    with record_scan(_result(engine), settings, ScanOptions(fail_on="high"), "test", "notes") as recorded:
        records = list(recorded.records())
        assert recorded.kept and recorded.stored_id == recorded.scan_id
        assert recorded.total == len(records) > 0
        assert {"status", "first_seen"} <= set(records[0]) and "value" not in records[0]
        assert recorded.failed == any(record["risk"] >= 50 for record in records)
    with Store(tmp_path / "x.db") as store:
        assert store.scan(recorded.scan_id).grade == recorded.profile.grade


def test_no_store_leaves_no_database_and_no_triage_keys(tmp_path: Path, engine: DetectionEngine) -> None:
    settings = load_settings(environ={}, overrides={"db": str(tmp_path / "x.db")})
    with record_scan(_result(engine), settings, ScanOptions(store=False), "test", "notes",
                     show_values=True) as recorded:
        records = list(recorded.records(limit=1))
    assert recorded.stored_id is None and len(records) == 1
    assert records[0]["value"] and not {"status", "note", "first_seen", "last_seen"} & set(records[0])
    assert not (tmp_path / "x.db").exists()
