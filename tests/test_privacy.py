"""No raw personal value reaches a byte we write unless the person asked for it.

Planted values go through scan-files with the real engine, then through every command that reads the
database; every byte written (the database and its -wal/-shm files, the key, anything else in the data
directory, every stdout and stderr) is searched for each value in its raw and compact spellings.
"""

from __future__ import annotations

import io
import json
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from detectors.engine import DetectionEngine
from scanner.cli import app
from scanner.commands.scan_files import run_scan_files
from scanner.config import load_settings
from scanner.record import ScanOptions

PLANTED = {
    "EMAIL_ADDRESS": "quill.harrow@example.net",
    "PHONE_NUMBER": "+1 503-555-0187",
    "CREDIT_CARD": "4111 1111 1111 1111",
    "IBAN_CODE": "GB82 WEST 1234 5698 7654 32",
    "IP_ADDRESS": "203.0.113.42",
}
TEXT = (
    "Quill Harrow wrote: reach me at quill.harrow@example.net or on +1 503-555-0187.\n"
    "Refunds go to IBAN GB82 WEST 1234 5698 7654 32, card 4111 1111 1111 1111.\n"
    "Last login from 203.0.113.42.\n"
)


def spellings(value: str) -> set[str]:
    compact = re.sub(r"[\s\-+()]", "", value)
    return {value, compact, value.upper(), value.lower()}


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / "note.txt").write_text(TEXT, encoding="utf-8")
    (folder / "rows.csv").write_text("who,text\nme," + TEXT.replace("\n", " ") + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    monkeypatch.setenv("EXPOSURE_HOME", str(path))
    config = tmp_path / "exposure.toml"
    config.write_text('[me]\nemails = ["quill.harrow@example.net"]\nphones = ["+1 503-555-0187"]\n'
                      'names = ["Quill Harrow"]\n', encoding="utf-8")
    monkeypatch.setenv("EXPOSURE_CONFIG", str(config))
    return path


def scan(planted: Path, engine: DetectionEngine, options: ScanOptions, output_format: str = "json",
         show_values: bool = False) -> tuple[int, str]:
    out_buffer, err_buffer = io.StringIO(), io.StringIO()
    out = Console(file=out_buffer, width=200, no_color=True)
    err = Console(file=err_buffer, width=200, no_color=True)
    code = run_scan_files([planted], output_format, show_values, None, load_settings(), 1, out, err, options,
                          engine=engine)
    return code, out_buffer.getvalue() + err_buffer.getvalue()


def command_output(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout + result.stderr


def written_bytes(home: Path, outputs: list[str]) -> Iterator[tuple[str, bytes]]:
    for path in sorted(home.rglob("*")):
        if path.is_file():
            yield str(path), path.read_bytes()
    for number, text in enumerate(outputs):
        yield f"output #{number}", text.encode("utf-8")


def leaks(home: Path, outputs: list[str]) -> list[str]:
    found = []
    for where, data in written_bytes(home, outputs):
        for entity, value in PLANTED.items():
            for spelling in spellings(value):
                if spelling.encode("utf-8") in data or spelling.encode("utf-16-le") in data:
                    found.append(f"{entity} as {spelling!r} in {where}")
    return found


def test_nothing_raw_is_written_by_default(planted: Path, home: Path, engine: DetectionEngine) -> None:
    outputs = []
    code, text = scan(planted, engine, ScanOptions(explain=True))
    outputs.append(text)
    assert code == 0
    entities = {record["entity"] for record in json.loads(text[:text.rindex("}") + 1])["findings"]}
    assert set(PLANTED) <= entities, f"the engine missed some planted values: {set(PLANTED) - entities}"
    code, text = scan(planted, engine, ScanOptions(explain=True), output_format="table")
    outputs.append(text)
    top = command_output("findings", "-f", "jsonl", "--limit", "1").splitlines()[0]
    fingerprint = json.loads(top)["fingerprint"]
    for args in (["findings", "-f", "json", "--explain"], ["findings", "-f", "csv", "--explain"],
                 ["findings", "-f", "markdown"], ["findings", "--explain", "--limit", "0"],
                 ["findings", "-f", "jsonl", "--show-values"], ["score", "--explain"],
                 ["score", "-f", "json"], ["diff"], ["diff", "-f", "json"],
                 ["mark", fingerprint[:8], "confirmed"]):
        outputs.append(command_output(*args))
    assert (home / "exposure.db").exists() and (home / "hmac.key").exists()
    assert leaks(home, outputs) == []


def test_values_appear_only_when_asked(planted: Path, home: Path, engine: DetectionEngine) -> None:
    """The control: the same search finds the values once --store-values / --show-values are given."""
    _, text = scan(planted, engine, ScanOptions(store_values=True))
    assert leaks(home, []) != []
    assert leaks(home / "nowhere", [text]) == []
    shown = command_output("findings", "-f", "json", "--show-values")
    assert leaks(home / "nowhere", [shown]) != []
    _, text = scan(planted, engine, ScanOptions(store=False), show_values=True)
    assert leaks(home / "nowhere", [text]) != []


def test_no_store_writes_no_database(planted: Path, home: Path, engine: DetectionEngine) -> None:
    scan(planted, engine, ScanOptions(store=False))
    assert not (home / "exposure.db").exists()


def test_written_files_are_private(planted: Path, home: Path, engine: DetectionEngine) -> None:
    scan(planted, engine, ScanOptions())
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    files = [path for path in home.iterdir() if path.is_file()]
    assert {path.name for path in files} >= {"exposure.db", "hmac.key"}
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
