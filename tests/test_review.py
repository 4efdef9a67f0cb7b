"""`exposure review`: decisions are stored at once, undo takes the last back, quitting keeps the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from scanner.cli import app
from scanner.models import Visibility
from scanner.selfprofile import SelfProfile
from scanner.store import FindingFilter, Store
from tests.scoring_examples import NOW, make_finding, score_findings

KEY = b"v" * 32


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "exposure.db"
    found = [
        make_finding("MEDICAL_CONDITION", "type 1 diabetes", first_person=True, document="m/1"),
        make_finding("EMAIL_ADDRESS", "rowan.hale@example.org", document="m/2"),
        make_finding("PERSON", "Jonas Berg", document="dm/1", visibility=Visibility.DIRECT),
    ]
    with Store(path) as store:
        store.save_scan(
            "scan-files", "x", score_findings(found, [], SelfProfile.from_mapping({}), KEY, now=NOW), []
        )
    return path


def statuses(db: Path) -> list[tuple[str, str]]:
    with Store(db) as store:
        return [(found.entity, found.status) for found in store.findings(FindingFilter())]


def test_review_marks_undoes_and_quits(db: Path) -> None:
    result = CliRunner().invoke(app, ["review", "--db", str(db)], input="c\nf\nu\nx\nq\n")
    assert result.exit_code == 0, result.stderr
    assert "undone: back to open" in result.stderr
    assert "review: 1 confirmed, 1 fixed" in result.stderr
    assert statuses(db) == [
        ("MEDICAL_CONDITION", "confirmed"),
        ("EMAIL_ADDRESS", "fixed"),
        ("PERSON", "open"),
    ]
    assert "rowan.hale@example.org" not in result.stdout and "r******@example.org" in result.stdout


def test_undo_leaves_an_earlier_sessions_decision_alone(db: Path) -> None:
    CliRunner().invoke(app, ["review", "--db", str(db)], input="c\nq\n")
    result = CliRunner().invoke(app, ["review", "--db", str(db)], input="u\nq\n")
    assert "nothing to undo" in result.stderr
    assert ("MEDICAL_CONDITION", "confirmed") in statuses(db)


def test_review_shows_only_open_findings_and_stops_at_end_of_input(db: Path) -> None:
    CliRunner().invoke(app, ["review", "--db", str(db)], input="i\n")
    result = CliRunner().invoke(app, ["review", "--db", str(db), "--min-risk", "0"], input="s\n")
    assert "MEDICAL_CONDITION" not in result.stdout and "EMAIL_ADDRESS" in result.stdout
    assert "review: no decisions" in result.stderr


def test_unknown_answer_asks_again(db: Path) -> None:
    result = CliRunner().invoke(app, ["review", "--db", str(db)], input="zz\ns\ns\ns\n")
    assert "answer c, f, x, i, s, u or q" in result.stderr
    assert statuses(db)[0][1] == "open"
