"""`exposure act` and `exposure requests` from the command line: formats, marking done, letters, tracking."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scanner.actions.plan import item_id
from scanner.cli import app
from scanner.selfprofile import SelfProfile
from scanner.store import Store
from tests.scoring_examples import NOW, make_finding, score_findings

KEY = b"c" * 32
POST = "reddit.zip!comments.csv#jk1x9q"
PLANTED = "type 1 diabetes"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "exposure.db"
    findings = [make_finding("MEDICAL_CONDITION", PLANTED, first_person=True, source="reddit", document=POST,
                             url="https://www.reddit.com/r/diabetes_t1/comments/1a2b3c/x/jk1x9q/"),
                make_finding("PERSON", "Jonas Berg", source="files", document="notes.txt")]
    with Store(path) as store:
        store.save_scan("archive", "reddit.zip", score_findings(findings, [], SelfProfile(), KEY, now=NOW))
    return path


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "exposure.toml"
    path.write_text('[me]\nnames = ["Rowan Delacroix-Hale"]\nemails = ["rowan.hale@example.org"]\n'
                    'country = "DE"\nregion = "DE-HH"\ntimezone = "Europe/Berlin"\n', encoding="utf-8")
    return path


def invoke(*args: str) -> tuple[str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout, result.stderr


def test_act_in_every_format(db: Path, config: Path) -> None:
    common = ["--db", str(db), "--config", str(config)]
    plan = json.loads(invoke("act", "-f", "json", *common)[0])
    reddit = plan["sections"][0]
    assert (reddit["key"], reddit["items"][0]["id"]) == ("reddit", item_id(POST))
    assert reddit["opt_out"]["available"] is False and "letter" in reddit["opt_out"]["legal_route"]
    assert reddit["letters"][0]["letter"] == "reddit-gdpr" and reddit["letters"][0]["state"] == "not sent"
    markdown = invoke("act", "-f", "markdown", *common)[0]
    assert f"- [ ] `{item_id(POST)}` https://www.reddit.com/r/diabetes_t1/" in markdown
    rows = list(csv.DictReader(io.StringIO(invoke("act", "-f", "csv", *common)[0])))
    assert {row["type"] for row in rows} == {"item", "opt-out", "letter"}
    table, summary = invoke("act", *common)
    assert "reddit-gdpr" in table and "plan: 2 section(s)" in summary
    for text in (json.dumps(plan), markdown, table):
        assert PLANTED not in text and "Jonas Berg" not in text and "rowan.hale@example.org" not in text
    result = CliRunner().invoke(app, ["act", "-f", "pdf", *common])
    assert result.exit_code == 2


def test_done_letters_and_requests(db: Path, config: Path, tmp_path: Path) -> None:
    common = ["--db", str(db), "--config", str(config)]
    _, err = invoke("act", "--done", item_id(POST), *common)
    assert "1 finding(s)" in err
    plan = json.loads(invoke("act", "-f", "json", *common)[0])
    assert plan["sections"][0]["items"][0]["state"] == "done: waiting for the next scan"
    assert plan["sections"][0]["letters"] == [], "nothing left to ask for once every item is done"
    invoke("mark", _first_fingerprint(db), "open", "--db", str(db))  # taken back: letters again
    letters = tmp_path / "letters"
    _, err = invoke("act", "--letters", str(letters), *common)
    assert "nothing was sent" in err
    assert stat.S_IMODE((letters / "reddit-gdpr.txt").stat().st_mode) == 0o600
    assert PLANTED not in (letters / "reddit-gdpr.txt").read_text(encoding="utf-8")
    _, err = invoke("requests", "sent", "reddit-gdpr", "--on", "2026-01-31", *common)
    assert "sent on 2026-01-31" in err
    invoke("requests", "note", "reddit-gdpr", "--note", "sent by email", *common)
    [row] = json.loads(invoke("requests", "-f", "json", *common)[0])
    assert (row["letter"], row["sent_on"], row["due"]) == ("reddit-gdpr", "2026-01-31", "2026-02-28")
    assert row["notes"].endswith("sent by email") and row["state"] == "overdue"
    table = CliRunner().invoke(app, ["requests", *common], env={"COLUMNS": "200"}).stdout
    assert "reddit-gdpr" in table and "2026-02-28" in table and "overdue" in table and "follow-up" in table
    bad = CliRunner().invoke(app, ["requests", "sent", "nobody-gdpr", *common])
    assert bad.exit_code == 2 and "no letter 'nobody-gdpr'" in bad.stderr
    assert CliRunner().invoke(app, ["requests", "sent", *common]).exit_code == 2
    assert CliRunner().invoke(app, ["requests", "-f", "csv", *common]).exit_code == 2
    bad_date = ["requests", "sent", "reddit-gdpr", "--on", "31/01", *common]
    assert CliRunner().invoke(app, bad_date).exit_code == 2


def _first_fingerprint(db: Path) -> str:
    with Store(db) as store:
        return store.document_findings(POST)[0].fingerprint


def test_the_next_scan_itself_reopens_what_is_still_there(engine: object, tmp_path: Path) -> None:
    """A rescan settles items marked done before it scores, so a reopened finding counts again at once."""
    note = tmp_path / "note.txt"
    note.write_text("Since March I have had type 1 diabetes and I use an insulin pump.\n", encoding="utf-8")
    common = ["--db", str(tmp_path / "exposure.db")]
    invoke("scan-files", str(note), "--workers", "1", *common)
    plan = json.loads(invoke("act", "-f", "json", *common)[0])
    item = plan["sections"][0]["items"][0]["id"]
    invoke("act", "--done", item, *common)
    assert json.loads(invoke("findings", "--status", "open", "-f", "json", *common)[0])["findings"] == []
    invoke("scan-files", str(note), "--workers", "1", *common)
    reopened = json.loads(invoke("findings", "--status", "open", "-f", "json", *common)[0])["findings"]
    assert reopened and all(row["note"].startswith("still there in scan 2") for row in reopened)
