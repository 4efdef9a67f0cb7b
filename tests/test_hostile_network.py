"""Slow servers, hostile redirects, two scans at once, odd --db paths, bad config and Ctrl-C: through the
real CLI (and real processes where it takes two, or a signal), each with its one line and exit code.

The network half of issue 14; tests/test_hostile_input.py holds the input half.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner, Result

from scanner.cli import app
from scanner.store import Store
from tests.crawl.dripping import dripping_server

NOTE = "Write to rowan.hale@example.org or call +1 503 555 0142 about the refund."
EXPOSURE = Path(sys.executable).with_name("exposure")


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def one_line_error(result: Result, code: int = 2) -> str:
    """The result's one error line (checking the exit code and that no traceback came with it)."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def fast_crawl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPOSURE_PER_HOST_DELAY", "0")
    monkeypatch.setenv("EXPOSURE_REQUEST_TIMEOUT", "5")
    monkeypatch.setenv("EXPOSURE_REQUEST_DEADLINE", "1")
    monkeypatch.setenv("EXPOSURE_SITE_DEADLINE", "3")


# -- slow servers and hostile redirects --------------------------------------------------------------

@pytest.mark.usefixtures("fast_crawl")
def test_a_server_dripping_its_headers_ends_at_the_deadline_with_a_skip_line() -> None:
    with dripping_server() as base:
        started = time.monotonic()
        result = invoke("scan", f"{base}/", "--no-store", "--workers", "1", "--no-color", "-f", "json")
        elapsed = time.monotonic() - started
    assert result.exit_code == 3, result.output
    assert f"skipped {base}/" in result.stderr and "too slow" in result.stderr
    assert elapsed < 12, f"took {elapsed:.1f} s"


@pytest.mark.usefixtures("fast_crawl")
def test_a_redirect_to_the_metadata_address_is_refused(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/").respond_with_data(
        "", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    result = invoke("scan", httpserver.url_for("/"), "--no-store", "--workers", "1", "--no-color")
    assert result.exit_code == 3, result.output
    line = next(line for line in result.stderr.splitlines() if "169.254.169.254" in line)
    assert line.startswith(f"skipped {httpserver.url_for('/')}: redirect to http://169.254.169.254/")
    assert "link-local address, never crawled" in line


# -- two scans into one database ----------------------------------------------------------------------

def has_open(pid: int, path: Path) -> bool:
    """Whether process `pid` holds `path` open (Linux /proc): it has reached the database."""
    try:
        return any(os.readlink(entry) == str(path) for entry in Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see who has the database open")
def test_two_scans_at_once_into_one_database_are_both_stored(tmp_path: Path) -> None:
    """Both processes reach the database while a third writer holds it longer than SQLite's default
    5 s wait; both wait their turn, and both scans are stored."""
    db = tmp_path / "shared.db"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    processes = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "note.txt").write_text(f"{name}: {NOTE}", encoding="utf-8")
        processes.append(subprocess.Popen(
            [str(EXPOSURE), "scan-files", str(folder), "--db", str(db), "--workers", "1", "-f", "json"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "NO_COLOR": "1"}))
    give_up = time.monotonic() + 240
    while time.monotonic() < give_up and not all(
            has_open(process.pid, db) or process.poll() is not None for process in processes):
        time.sleep(0.1)
    time.sleep(6)
    holder.execute("COMMIT")
    holder.close()
    errors = [process.communicate(timeout=300)[1] for process in processes]
    assert [process.returncode for process in processes] == [0, 0], errors
    assert all("stored as scan" in error for error in errors)
    with Store(db, create=False, read_only=True) as store:
        assert sorted(scan.target for scan in store.scans()) == sorted(str(tmp_path / name) for name in "ab")


# -- --db ------------------------------------------------------------------------------------------------

def test_a_db_path_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# my notes\n", encoding="utf-8")
    notes.chmod(0o644)
    link = tmp_path / "link.db"
    link.symlink_to(notes)
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo, 0o644)
    for path, words in ((notes, "exists and is not an SQLite database"), (link, "is not an SQLite database"),
                        (tmp_path, "is a directory"), (fifo, "is a named pipe")):
        commands = (["findings"], ["scan-files", str(notes), "--workers", "1"], ["mark", "abcd", "fixed"])
        for command in commands:
            line = one_line_error(invoke(*command, "--db", str(path)))
            assert str(path) in line and words in line and "nothing was changed" in line
    assert notes.read_text(encoding="utf-8") == "# my notes\n"
    assert notes.stat().st_mode & 0o777 == 0o644
    assert fifo.stat().st_mode & 0o777 == 0o644
    assert sorted(item.name for item in tmp_path.iterdir()) == ["link.db", "notes.md", "pipe.db"]


def test_a_bad_db_is_refused_before_any_scanning(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data("<p>hello</p>", content_type="text/html")
    notes = tmp_path / "notes.md"
    notes.write_text("# my notes\n", encoding="utf-8")
    line = one_line_error(invoke("scan", httpserver.url_for("/"), "--db", str(notes), "--workers", "1"))
    assert "is not an SQLite database" in line
    assert httpserver.log == []


@pytest.mark.parametrize("command", [["findings"], ["score"], ["diff"], ["mark", "abcd", "fixed"],
                                     ["report", "--html", "out.html"], ["review"]])
def test_reading_commands_never_create_a_database(tmp_path: Path, command: list[str]) -> None:
    typo = tmp_path / "typo.db"
    line = one_line_error(invoke(*command, "--db", str(typo)))
    assert line == f"error: no findings database at {typo}; run a scan first"
    assert not typo.exists()


def test_folders_made_for_a_new_database_are_private(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    db = tmp_path / "a" / "b" / "c" / "findings.db"
    result = invoke("scan-files", str(note), "--db", str(db), "--workers", "1")
    assert result.exit_code == 0, result.output
    for folder in (tmp_path / "a", tmp_path / "a" / "b", db.parent):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    assert db.stat().st_mode & 0o777 == 0o600


def test_a_read_only_database_can_still_be_listed(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    db = folder / "findings.db"
    assert invoke("scan-files", str(note), "--db", str(db), "--workers", "1").exit_code == 0
    db.chmod(0o400)
    folder.chmod(0o500)
    before = db.read_bytes()
    try:
        listed = invoke("findings", "--db", str(db), "-f", "json")
        reported = invoke("report", "--html", str(tmp_path / "report.html"), "--db", str(db))
        scored = invoke("score", "--db", str(db))
    finally:
        folder.chmod(0o700)
    assert listed.exit_code == 0, listed.output
    assert '"EMAIL_ADDRESS"' in listed.stdout
    assert reported.exit_code == 0 and scored.exit_code == 0, reported.output + scored.output
    assert db.read_bytes() == before and db.stat().st_mode & 0o777 == 0o400


# -- schema drift ---------------------------------------------------------------------------------------

def test_a_newer_migration_is_one_line_naming_it(tmp_path: Path) -> None:
    db = tmp_path / "newer.db"
    Store(db).close()
    with sqlite3.connect(db) as connection:
        connection.execute("INSERT INTO migrations VALUES ('0099_from_the_future', 'now')")
    for command in (["findings"], ["mark", "abcd", "fixed"]):
        line = one_line_error(invoke(*command, "--db", str(db)))
        assert "0099_from_the_future" in line and "does not know" in line


def test_a_missing_table_is_one_line_naming_its_migration(tmp_path: Path) -> None:
    db = tmp_path / "dropped.db"
    Store(db).close()
    with sqlite3.connect(db) as connection:
        connection.execute("DROP TABLE triage")
    line = one_line_error(invoke("findings", "--db", str(db)))
    assert "lacks table triage" in line and "0001_initial" in line


def test_another_programs_sqlite_file_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "other.sqlite"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
    line = one_line_error(invoke("scan-files", str(db), "--db", str(db), "--workers", "1"))
    assert "SQLite database of something else" in line
    with sqlite3.connect(db) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master")]
    assert tables == ["recipes"]


# -- configuration -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "words"), [
    ('me = "hello"', "key me must be a table"),
    ("db = 5", "key db must be a string, not an integer (5)"),
    ("request_timeout = 0", "key request_timeout must be more than 0, not 0"),
    ("max_response_bytes = -1", "key max_response_bytes must be at least 1, not -1"),
    ('workers = "many"', "key workers: 'many' is not a number"),
    ('reddit_url = "reddit.com"', "key reddit_url must be an http:// or https:// URL"),
    ("[exposure]\nallow_private = 1", "key allow_private must be true or false"),
])
def test_a_wrong_setting_is_one_line_naming_the_key(tmp_path: Path, text: str, words: str) -> None:
    config = tmp_path / "exposure.toml"
    config.write_text(text + "\n", encoding="utf-8")
    line = one_line_error(invoke("findings", "--config", str(config), "--db", str(tmp_path / "x.db")))
    assert line == f"error: {config}: {words}" or line.startswith(f"error: {config}: {words}")
    assert not (tmp_path / "5").exists()


def test_a_config_that_is_a_folder_is_one_line(tmp_path: Path) -> None:
    line = one_line_error(invoke("findings", "--config", str(tmp_path)))
    assert line == f"error: config file {tmp_path} is a directory, not a file"


def test_unknown_keys_are_warned_on_one_line(tmp_path: Path) -> None:
    config = tmp_path / "exposure.toml"
    config.write_text('request_timout = 5\n[me]\nnames = ["Rowan Hale"]\n', encoding="utf-8")
    Store(tmp_path / "x.db").close()
    result = invoke("findings", "--config", str(config), "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "unknown key 'request_timout' ignored" in warnings[0]


# -- Ctrl-C -------------------------------------------------------------------------------------------------

def test_ctrl_c_exits_130_saying_the_scan_was_not_stored(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for index in range(400):
        (folder / f"note{index}.txt").write_text(f"{index} {NOTE} " * 50, encoding="utf-8")
    db = tmp_path / "findings.db"
    scan = subprocess.Popen([str(EXPOSURE), "scan-files", str(folder), "--db", str(db), "--workers", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(4)
    scan.send_signal(signal.SIGINT)
    _, error = scan.communicate(timeout=60)
    assert scan.returncode == 130, error
    assert error.strip().splitlines()[-1] == "interrupted: the scan was not stored"
    assert "Traceback" not in error
    if db.exists():
        with Store(db, create=False, read_only=True) as store:
            assert store.scans() == []
