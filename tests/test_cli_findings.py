"""`exposure findings / mark / diff / score` through the real CLI over a real database file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scanner.cli import app
from scanner.models import Finding, SourceSignals, Visibility
from scanner.selfprofile import SelfProfile
from scanner.store import Store
from tests.scoring_examples import NOW, make_finding, score_findings

KEY = b"c" * 32
ME = SelfProfile.from_mapping({"emails": ["rowan.hale@example.org"]})
POLICY = SourceSignals(key="mastodon", platform="mastodon", platform_trains_by_default=True,
                       opt_out_url="https://mastodon.example/settings/ai")


def findings_v1() -> list[Finding]:
    return [
        make_finding("MEDICAL_CONDITION", "type 1 diabetes", first_person=True, document="m/1"),
        make_finding("EMAIL_ADDRESS", "rowan.hale@example.org", document="m/2"),
        make_finding("PERSON", "Jonas Berg", document="dm/1", visibility=Visibility.DIRECT, source="twitter"),
    ]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "exposure.db"
    with Store(path) as store:
        first = score_findings(findings_v1(), [POLICY], ME, KEY, now=NOW)
        store.save_scan("scan-files", "a", first, [POLICY], store_values=True)
        second = [*findings_v1()[:2], make_finding("USERNAME", "@rowanhale", document="m/3")]
        store.save_scan("scan-files", "a", score_findings(second, [POLICY], ME, KEY, now=NOW), [POLICY])
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [*args])
    return result.exit_code, result.stdout, result.stderr


def test_findings_json_is_ranked_and_redacted(db: Path) -> None:
    code, out, err = run("findings", "--db", str(db), "--format", "json")
    assert code == 0
    payload = json.loads(out)
    risks = [record["risk"] for record in payload["findings"]]
    assert risks == sorted(risks, reverse=True) and payload["total"] == 4
    first = payload["findings"][0]
    assert (first["entity"], first["level"], first["status"]) == ("MEDICAL_CONDITION", "critical", "open")
    assert "value" not in first and "factors" not in first
    assert "rowan.hale@example.org" not in out
    assert "4 of 4 findings" in err


def test_filters(db: Path) -> None:
    def entities(*args: str) -> list[str]:
        code, out, _ = run("findings", "--db", str(db), "-f", "jsonl", *args)
        assert code == 0
        return [json.loads(line)["entity"] for line in out.splitlines()]

    assert entities("--min-risk", "high") == ["MEDICAL_CONDITION", "EMAIL_ADDRESS"]
    assert entities("--min-risk", "60") == ["MEDICAL_CONDITION", "EMAIL_ADDRESS"]
    assert entities("--category", "health") == ["MEDICAL_CONDITION"]
    assert entities("--entity", "person") == ["PERSON"]
    assert entities("--source", "twitter") == ["PERSON"]
    assert entities("--about-me") == ["EMAIL_ADDRESS"]
    assert entities("--scan", "latest", "--entity", "USERNAME") == ["USERNAME"]
    assert entities("--scan", "1", "--entity", "USERNAME") == []
    assert entities("--since", "2999-01-01") == []
    assert len(entities("--limit", "2")) == 2


def test_show_values_and_explain(db: Path) -> None:
    code, out, err = run("findings", "--db", str(db), "-f", "json", "--show-values", "--explain")
    assert code == 0
    records = {r["entity"]: r for r in json.loads(out)["findings"]}
    assert records["PERSON"]["value"] == "Jonas Berg"
    assert records["EMAIL_ADDRESS"]["value"] is None
    assert "--store-values" in err
    assert records["PERSON"]["factors"][0]["name"] == "sensitivity"


@pytest.mark.parametrize("output_format", ["csv", "markdown", "table"])
def test_other_formats_parse(db: Path, output_format: str) -> None:
    code, out, _ = run("findings", "--db", str(db), "-f", output_format, "--explain", "--no-color")
    assert code == 0
    if output_format == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert len(rows) == 4 and rows[0]["entity"] == "MEDICAL_CONDITION"
        assert "sensitivity" in rows[0]["factors"]
    elif output_format == "markdown":
        lines = out.splitlines()
        assert lines[0].startswith("| id | risk |") and len(lines) == 2 + 4
    else:
        assert "critical" in out and "risk" in out and "= 100 × sensitivity" in out


def test_bad_options_are_usage_errors(db: Path) -> None:
    assert run("findings", "--db", str(db), "-f", "xml")[0] == 2
    assert run("findings", "--db", str(db), "--min-risk", "severe")[0] == 2
    assert run("findings", "--db", str(db), "--status", "done")[0] == 2
    assert run("findings", "--db", str(db), "--since", "last week")[0] == 2


def test_mark_then_filter_by_status(db: Path) -> None:
    _, out, _ = run("findings", "--db", str(db), "-f", "jsonl", "--entity", "PERSON")
    fingerprint = json.loads(out)["fingerprint"]
    code, _, err = run("mark", fingerprint[:6], "false-positive", "--db", str(db))
    assert code == 0 and "open -> false-positive" in err
    _, out, _ = run("findings", "--db", str(db), "-f", "jsonl", "--status", "false-positive")
    assert [json.loads(line)["fingerprint"] for line in out.splitlines()] == [fingerprint]
    assert run("mark", "zzzz", "fixed", "--db", str(db))[0] == 2
    assert run("mark", fingerprint, "done", "--db", str(db))[0] == 2


def test_diff_defaults_to_the_last_two_scans(db: Path) -> None:
    code, out, err = run("diff", "--db", str(db), "-f", "json")
    assert code == 0
    payload = json.loads(out)
    assert [r["entity"] for r in payload["new"]] == ["USERNAME"]
    assert [r["entity"] for r in payload["gone"]] == ["PERSON"]
    assert payload["unchanged"] == 2
    assert "1 new, 1 gone, 2 unchanged" in err
    assert run("diff", "1", "--db", str(db))[0] == 2
    code, out, _ = run("diff", "--db", str(db), "-f", "json", "--explain")
    assert code == 0 and json.loads(out)["new"][0]["factors"][0]["name"] == "sensitivity"


def test_score_lists_top_exposures_with_what_to_do(db: Path) -> None:
    code, out, _ = run("score", "--db", str(db), "-f", "json")
    assert code == 0
    payload = json.loads(out)
    assert payload["grade"] in "ABCDF" and 0 <= payload["score"] <= 100
    assert set(payload["by_category"]) >= {"health", "contact"}
    top = payload["top"][0]
    assert top["entity"] == "MEDICAL_CONDITION"
    assert top["actions"][0].startswith("Delete or edit the post")
    assert any("https://mastodon.example/settings/ai" in action for action in top["actions"])
    code, out, _ = run("score", "--db", str(db), "--explain", "--no-color")
    assert code == 0 and "Top exposures" in out and "grade" in out and "→ Opt out" in out


def test_empty_database_is_fine(tmp_path: Path) -> None:
    code, out, _ = run("findings", "--db", str(tmp_path / "new.db"))
    assert code == 0 and "No personal data found." in out
    code, out, _ = run("score", "--db", str(tmp_path / "new.db"), "-f", "json")
    assert code == 0 and json.loads(out)["grade"] == "A"
    assert run("diff", "--db", str(tmp_path / "new.db"))[0] == 2
