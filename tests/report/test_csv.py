"""CSV outputs: no cell a spreadsheet would run as a formula (OWASP CSV injection), through the CLI too."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detectors.engine import DetectionEngine
from scanner.cli import app
from scanner.report.csv import FORMULA_STARTS, SafeWriter, formula_safe, write_csv

FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1 503-555-0142", "-2+3", "@SUM(A1)", "\tcmd",
            "\r=1"]


@pytest.mark.parametrize("cell", FORMULAS)
def test_a_cell_that_starts_like_a_formula_gets_a_quote(cell: str) -> None:
    assert formula_safe(cell) == f"'{cell}"


@pytest.mark.parametrize("cell", ["Rowan", "", "a=b", "'=already quoted", 42, -3.5, None])
def test_other_cells_are_unchanged(cell: object) -> None:
    assert formula_safe(cell) == cell


def test_findings_and_plan_writers_quote_every_formula_cell() -> None:
    buffer = io.StringIO()
    write_csv([{"entity": "PERSON", "snippet": FORMULAS[0], "reason": "@handle", "score": -1}], buffer)
    row = next(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert (row["snippet"], row["reason"], row["score"]) == (f"'{FORMULAS[0]}", "'@handle", "-1")
    buffer = io.StringIO()
    SafeWriter(buffer).writerow(["section", "-opt", 3])
    assert buffer.getvalue() == "section,'-opt,3\n"


def _listed(tmp_path: Path, text: str, *formats: str) -> list[str]:
    """`findings -f FORMAT` output for each format, after `scan-files` of one file holding `text`."""
    (tmp_path / "notes.txt").write_text(text, encoding="utf-8")
    database = tmp_path / "data" / "exposure.db"
    runner = CliRunner()
    scanned = runner.invoke(app, ["scan-files", str(tmp_path / "notes.txt"), "--db", str(database),
                                  "--workers", "1", "-f", "json"])
    assert scanned.exit_code == 0, scanned.output
    outputs = []
    for format_name in formats:
        listed = runner.invoke(app, ["findings", "--db", str(database), "-f", format_name])
        assert listed.exit_code == 0, listed.output
        outputs.append(listed.stdout)
    return outputs


def test_findings_csv_from_a_scanned_file_runs_nothing(engine: DetectionEngine, tmp_path: Path) -> None:
    """A post that starts with '=' reached `findings -f csv` as a live formula in its snippet cell."""
    [listed] = _listed(tmp_path, "=1+2 then mail rowan.hale@example.org\n", "csv")
    rows = list(csv.DictReader(io.StringIO(listed)))
    assert [row["snippet"][:5] for row in rows] == ["'=1+2"]
    for row in rows:
        assert not any(cell.startswith(FORMULA_STARTS) for cell in row.values() if cell), row


def test_the_csv_has_the_json_records_scalar_keys(engine: DetectionEngine, tmp_path: Path) -> None:
    """The spreadsheet view carries the same facts as `--format json`, whose data a finding is included."""
    as_json, as_csv = _listed(tmp_path, "My sister Rowan Hale mails rowan.hale@example.org\n", "json", "csv")
    record = json.loads(as_json)["findings"][0]
    header = next(csv.reader(io.StringIO(as_csv)))
    assert set(header) == {key for key, value in record.items() if not isinstance(value, (list, dict))}
