"""render_scan as every scanning command uses it: the JSON contract, storing, --fail-on, the profile line."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from detectors.engine import DetectionEngine
from scanner import spool
from scanner.commands.scan_files import run_scan_files
from scanner.config import load_settings
from scanner.record import ScanOptions
from scanner.store import Store

TEXT = "Write to rowan.hale@example.org. I was diagnosed with type 1 diabetes in 2019.\n"
CONTRACT = {"document_id", "document_kind", "source", "created_at", "entity", "category", "score", "detector",
            "value_redacted", "reason", "snippet", "visibility", "url", "first_person"}


def scan(tmp_path: Path, engine: DetectionEngine, options: ScanOptions) -> tuple[int, str, str]:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / "post.txt").write_text(TEXT, encoding="utf-8")
    config = tmp_path / "exposure.toml"
    config.write_text(f'db = "{tmp_path / "x.db"}"\n[me]\nemails = ["Rowan.Hale@example.org"]\n',
                      encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = run_scan_files([folder], "json", False, None, load_settings(config, environ={}), 1,
                          Console(file=out, width=200), Console(file=err, width=200), options, engine=engine)
    return code, out.getvalue(), err.getvalue()


def test_json_contract_is_extended_not_broken(tmp_path: Path, engine: DetectionEngine) -> None:
    code, out, err = scan(tmp_path, engine, ScanOptions(explain=True))
    assert code == 0
    payload = json.loads(out)
    assert {"documents", "findings", "findings_by_category", "skipped", "profile", "scan_id"} <= set(payload)
    records = payload["findings"]
    assert records and all(CONTRACT | {"risk", "level", "about_me", "fingerprint", "factors"} <= set(r)
                           for r in records)
    assert [r["risk"] for r in records] == sorted((r["risk"] for r in records), reverse=True)
    email = next(r for r in records if r["entity"] == "EMAIL_ADDRESS")
    assert email["about_me"] is True
    assert payload["profile"]["grade"] in "ABCDF"
    assert "profile exposure" in err and f"stored as scan {payload['scan_id']}" in err
    with Store(tmp_path / "x.db") as store:
        assert store.count() == len({r["fingerprint"] for r in records})
        assert store.scan(payload["scan_id"]).grade == payload["profile"]["grade"]


@pytest.mark.parametrize(("level", "expected"), [("low", 1), ("critical", 0)])
def test_fail_on(tmp_path: Path, engine: DetectionEngine, level: str, expected: int) -> None:
    code, out, _ = scan(tmp_path, engine, ScanOptions(fail_on=level, store=False))
    assert code == expected
    assert json.loads(out)["scan_id"] is None
    assert not (tmp_path / "x.db").exists()


def test_a_spilled_scan_prints_what_an_in_memory_one_does(tmp_path: Path, engine: DetectionEngine,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(12):
        (folder / f"post{number}.txt").write_text(f"Mail me at friend{number}@example.org or call "
                                                   f"(503) 555-01{number:02d}. {TEXT}", encoding="utf-8")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    def run() -> dict[str, Any]:
        out, err = io.StringIO(), io.StringIO()
        code = run_scan_files([folder], "json", True, None, load_settings(environ={}), 1,
                              Console(file=out, width=200), Console(file=err, width=200),
                              ScanOptions(store=False), engine=engine)
        assert code == 0
        return dict(json.loads(out.getvalue()))

    in_memory = run()
    monkeypatch.setattr(spool, "CHUNK_FINDINGS", 4)
    spilled = run()
    assert spilled == in_memory
    values = {record["value"] for record in spilled["findings"]}
    assert {f"friend{number}@example.org" for number in range(12)} <= values
    assert "status" not in spilled["findings"][0]
    assert list(scratch.iterdir()) == []  # the temporary database and the spool are gone
