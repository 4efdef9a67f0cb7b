"""Issue 13's edges through the real CLI: honest exits, one-line usage errors, plain piped output, help.

Each test runs `exposure` as a person would (CliRunner, or a subprocess where what is imported matters)
and checks the exit code and the line printed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scanner.cli import app
from scanner.selfprofile import SelfProfile
from scanner.store import Store
from tests.scoring_examples import NOW, make_finding, score_findings

KEY = b"e" * 32
ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [*args], env=env, input=stdin)
    return result.exit_code, result.stdout, result.stderr


def save(store: Store, target: str, *findings: tuple[str, str, str]) -> int:
    """A scan of `target` holding (entity, value, source) findings; one document per finding."""
    found = [make_finding(entity, value, source=source, document=f"{source}/{index}")
             for index, (entity, value, source) in enumerate(findings)]
    scored = score_findings(found, [], SelfProfile.from_mapping({}), KEY, now=NOW)
    return store.save_scan("archive", target, scored, [], documents=len(found))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Takeout, then Bluesky, then Takeout again: the default diff must pair the two Takeouts."""
    path = tmp_path / "exposure.db"
    with Store(path) as store:
        save(store, "takeout.zip", ("SEXUAL_ORIENTATION", "bisexual", "Twitter"),
             ("EMAIL_ADDRESS", "rowan.hale@example.org", "Twitter"))
        save(store, "bsky.car", ("PERSON", "Jonas Berg", "bluesky"))
        save(store, "takeout.zip", ("SEXUAL_ORIENTATION", "bisexual", "Twitter"))
    return path


def test_a_missing_input_is_one_line_and_exit_2_before_any_model_loads(tmp_path: Path) -> None:
    for command in ("archive", "scan-files"):
        code, stderr, loaded = _before_models(command, str(tmp_path / "nope.zip"), "--db",
                                              str(tmp_path / "x.db"))
        assert (code, loaded) == (2, False)
        assert stderr == f"error: no such file or folder: {tmp_path / 'nope.zip'}\n"


def test_an_empty_folder_is_not_grade_a_and_not_stored(tmp_path: Path, engine: object) -> None:
    (tmp_path / "empty").mkdir()
    db = tmp_path / "x.db"
    code, out, err = run("scan-files", str(tmp_path / "empty"), "--db", str(db))
    assert code == 3
    assert "Nothing was scanned" in out and "grade A" not in out + err and "No personal data" not in out
    assert "nothing was scanned, so there is no grade; the scan was not stored" in err
    code, out, _ = run("scan-files", str(tmp_path / "empty"), "--db", str(db), "-f", "json")
    assert code == 3 and json.loads(out)["profile"] is None and json.loads(out)["scan_id"] is None
    assert run("scans", "--db", str(db), "-f", "json")[1].count('"id"') == 0


def test_diff_compares_the_last_two_scans_of_the_same_sources_and_says_so(db: Path) -> None:
    code, out, err = run("diff", "--db", str(db), "-f", "json")
    assert code == 0
    payload = json.loads(out)
    assert (payload["old_scan"], payload["new_scan"]) == (1, 3)
    assert "comparing scan 1 with scan 3: the last two scans of archive takeout.zip" in err
    assert [record["entity"] for record in payload["gone"]] == ["EMAIL_ADDRESS"]
    code, _, err = run("diff", "1", "2", "--db", str(db), "-f", "json")
    assert code == 0 and "as asked (they scanned different sources)" in err
    code, _, err = run("diff", "1", "42", "--db", str(db))
    assert code == 2
    assert err.strip() == "error: no scan with id 42; stored scans: 1, 2, 3 (see exposure scans)"


def test_diff_with_no_earlier_scan_of_the_same_sources_warns(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    with Store(path) as store:
        save(store, "takeout.zip", ("PERSON", "Jonas Berg", "twitter"))
        code, _, err = run("diff", "--db", str(path))
        assert code == 2 and err.strip() == ("error: diff needs two scans that read something; there are 1 "
                                             "(of 1 stored; see exposure scans)")
        save(store, "bsky.car", ("PERSON", "Jonas Berg", "bluesky"))
    code, _, err = run("diff", "--db", str(path))
    assert code == 0
    assert ("comparing scan 1 with scan 2: no earlier scan of archive bsky.car, so the last two scans, which "
            "scanned different sources: 'gone' may only mean not scanned this time") in err


def test_diff_markdown(db: Path) -> None:
    code, out, _ = run("diff", "--db", str(db), "-f", "markdown")
    assert code == 0 and "## Gone: 1" in out and "| id | risk |" in out


def test_scans_lists_id_date_sources_counts_grade(db: Path) -> None:
    code, out, err = run("scans", "--db", str(db))
    lines = out.splitlines()
    assert code == 0 and "3 scans stored" in err
    assert lines[0].split("\t") == ["id", "date", "command", "sources", "documents", "findings", "skipped",
                                    "score", "grade"]
    assert lines[2].split("\t")[:6] == ["2", lines[2].split("\t")[1], "archive", "bsky.car", "1", "1"]
    scans = json.loads(run("scans", "--db", str(db), "-f", "json")[1])["scans"]
    assert [scan["target"] for scan in scans] == ["takeout.zip", "bsky.car", "takeout.zip"]


@pytest.mark.parametrize(("args", "line"), [
    (("--category", "nosuch"), "error: --category nosuch: no such value; valid: contact, financial, "
                               "government_id, health, identity, location, online_id, other, special"),
    (("--source", "nosuch"), "error: --source nosuch: no such value; valid: Twitter, bluesky"),
    (("--scan", "42"), "error: --scan 42: no such scan; stored scans: 1, 2, 3 (see exposure scans)"),
])
def test_unknown_filter_values_are_usage_errors_naming_the_valid_ones(db: Path, args: tuple[str, ...],
                                                                      line: str) -> None:
    code, out, err = run("findings", "--db", str(db), *args)
    assert (code, out, err.strip()) == (2, "", line)


def test_sources_and_categories_match_whatever_the_case(db: Path) -> None:
    code, out, _ = run("findings", "--db", str(db), "-f", "jsonl", "--source", "twitter", "--category",
                       "SPECIAL")
    assert code == 0 and [json.loads(line)["entity"] for line in out.splitlines()] == ["SEXUAL_ORIENTATION"]
    assert run("review", "--db", str(db), "--source", "nosuch")[0] == 2
    assert run("report", "--db", str(db), "--html", str(db.parent / "r.html"), "--category", "nosuch")[0] == 2


def test_piped_output_is_tab_separated_with_whole_values(db: Path) -> None:
    code, out, _ = run("findings", "--db", str(db))
    assert code == 0 and "│" not in out and "┃" not in out
    header, *rows = out.splitlines()
    assert header.split("\t") == ["#", "id", "risk", "level", "entity", "value", "status", "where", "why"]
    assert rows[0].split("\t")[4] == "SEXUAL_ORIENTATION" and all(len(row.split("\t")) == 9 for row in rows)


def test_terminal_output_is_a_table(db: Path) -> None:
    code, out, _ = run("findings", "--db", str(db), "--no-color", env={"FORCE_COLOR": "1", "COLUMNS": "160"})
    assert code == 0 and "SEXUAL_ORIENTATION" in out and "┃" in out and "\t" not in out


def test_review_prompt_keeps_its_key_letters(db: Path) -> None:
    code, out, _ = run("review", "--db", str(db), stdin="q\n")
    assert code == 0 and "[c]onfirm  [f]alse positive  fi[x]ed  [i]gnore  [s]kip  [u]ndo  [q]uit" in out


@pytest.mark.parametrize("command", sorted(command.name or command.callback.__name__
                                           for command in app.registered_commands))
def test_help_names_values_in_words(command: str) -> None:
    code, out, _ = run(command, "--help", env={"COLUMNS": "200"})
    assert code == 0 and "<bool>" not in out and "<list[" not in out and "<str>" not in out
    if command == "findings":
        assert "your [me] profile" in out


def test_score_refuses_a_negative_top(db: Path) -> None:
    assert run("score", "--db", str(db), "--top", "-1")[0] == 2


def _before_models(*args: str) -> tuple[int, str, bool]:
    """Run the CLI in a fresh interpreter: (exit code, stderr, whether spaCy or Presidio got imported)."""
    script = ("import json, sys\nfrom typer.testing import CliRunner\nfrom scanner.cli import app\n"
              "result = CliRunner().invoke(app, sys.argv[1:])\n"
              "print(json.dumps([result.exit_code, result.stderr, 'spacy' in sys.modules or "
              "'presidio_analyzer' in sys.modules]))\n")
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=ROOT,
                          check=True)
    code, stderr, loaded = json.loads(done.stdout)
    return code, stderr, loaded


def test_a_url_that_is_not_one_and_a_missing_detect_file_fail_before_any_model_loads(tmp_path: Path) -> None:
    code, stderr, loaded = _before_models("scan", "notaurl", "--db", str(tmp_path / "x.db"))
    assert (code, stderr, loaded) == (
        2, "error: notaurl: invalid URL (need http:// or https:// and a host)\n", False)
    assert not (tmp_path / "x.db").exists()
    code, stderr, loaded = _before_models("detect", str(tmp_path / "nope.txt"))
    assert (code, loaded) == (2, False) and stderr.startswith(f"error: cannot read {tmp_path / 'nope.txt'}")
