"""`exposure detect` and `exposure scan-files` through the CLI: contracts, exit codes, bad input.

The commands reuse the session's engine (DetectionEngine.shared), so no test loads a second model.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from detectors.engine import DetectionEngine
from scanner.cli import app

DETECT_KEYS = {"id", "entity", "start", "end", "score", "detector"}
FINDING_KEYS = {"document_id", "document_kind", "source", "created_at", "entity", "category", "score",
                "detector", "value_redacted"}


def run(args: list[str], stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args, input=stdin)
    return result.exit_code, result.stdout, result.stderr


def jsonl(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_detect_jsonl_line_shape_is_the_contract(engine: DetectionEngine) -> None:
    text = "Mail ann.lee@example.com or see https://example.org/ann\n"
    code, out, _ = run(["detect", "--format", "jsonl", "-"], text)
    lines = jsonl(out)
    assert code == 0 and lines
    assert all(set(line) == DETECT_KEYS for line in lines)
    email = next(line for line in lines if line["entity"] == "EMAIL_ADDRESS")
    assert email["id"] == "-" and text[email["start"]:email["end"]] == "ann.lee@example.com"
    assert "ann.lee@example.com" not in out

    code, out, _ = run(["detect", "--format", "jsonl", "--show-values", "-"], text)
    lines = jsonl(out)
    assert all(set(line) == DETECT_KEYS | {"value"} for line in lines)
    assert {"value": "ann.lee@example.com"}.items() <= next(
        line for line in lines if line["entity"] == "EMAIL_ADDRESS").items()


def test_detect_jsonl_input_with_a_bad_line_goes_on(engine: DetectionEngine) -> None:
    stdin = '{"id": "a", "text": "mail ann.lee@example.com"}\nnot json at all\n{"id": 7, "text": 5}\n' \
            '{"id": "b", "text": "see bob@example.net"}\n'
    code, out, err = run(["detect", "--format", "jsonl", "-"], stdin)
    assert code == 3
    assert {line["id"] for line in jsonl(out)} == {"a", "b"}
    assert "skipped -:2: not a JSON line" in err
    assert "skipped -:3:" in err


def test_detect_empty_input_is_a_clean_empty_result(engine: DetectionEngine) -> None:
    assert run(["detect", "--format", "jsonl", "-"], "") == (0, "", "")


def test_detect_invalid_utf8_and_lone_surrogates(engine: DetectionEngine, tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"caf\xe9 \xff\xfe mail ann.lee@example.com \xc3\x28 end\n")
    code, out, _ = run(["detect", "--format", "jsonl", str(broken)])
    assert code == 0 and [line["entity"] for line in jsonl(out)] == ["EMAIL_ADDRESS"]

    line = '{"id": "s\\udc00", "text": "\\ud800 Ann Lee\\ud800 mail ann.lee@example.com \\ud800"}\n'
    code, out, _ = run(["detect", "--format", "jsonl", "--show-values", "-"], line)
    assert code == 0 and "EMAIL_ADDRESS" in [line["entity"] for line in jsonl(out)]
    assert {line["id"] for line in jsonl(out)} == {"s\ufffd"}


def test_detect_binary_junk_is_skipped(engine: DetectionEngine, tmp_path: Path) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 64)
    code, _out, err = run(["detect", str(junk)])
    assert code == 3
    assert f"skipped {junk}: binary content" in err


def test_detect_missing_file_is_a_usage_error() -> None:
    code, _, err = run(["detect", "/nonexistent/input.txt"])
    assert code == 2 and err.strip().startswith("error: cannot read /nonexistent/input.txt")


def test_a_missing_model_is_one_line_and_exit_2() -> None:
    for command in (["detect", "-"], ["scan-files", "."]):
        code, out, err = run([*command, "--spacy-model", "en_core_web_bogus"], "hello")
        assert code == 2, err
        assert out == ""
        lines = err.strip().splitlines()
        assert len(lines) == 1
        assert lines[0].startswith("error: spaCy pipeline 'en_core_web_bogus' is not installed")
        assert "pip install" in lines[0]


def test_scan_files_json_contract_and_skips(engine: DetectionEngine, tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "note.txt").write_text("Reach me at ann.lee@example.com\n", encoding="utf-8")
    page = "<html><body><p>Mail bob@example.net</p><script>x=1</script></body></html>"
    (folder / "page.html").write_text(page, encoding="utf-8")
    (folder / "people.csv").write_text("name,email\nAnn,ann.lee@example.com\nBob,none\n", encoding="utf-8")
    (folder / "posts.jsonl").write_text('{"text": "call carol@example.org"}\n{broken\n', encoding="utf-8")
    (folder / "data.json").write_text('{"bio": {"contact": "dave@example.com"}}', encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (folder / "ignored.exe").write_bytes(b"MZ\x00\x00")
    code, out, err = run(["scan-files", "--format", "json", "--no-store", str(folder)])
    assert code == 3, err
    payload = json.loads(out)
    documents = payload["documents"]
    assert documents["total"] == 6
    assert documents["by_kind"] == {"file": 6}
    assert {"total", "by_kind"} <= set(documents)
    findings = payload["findings"]
    assert all(set(finding) >= FINDING_KEYS for finding in findings)
    emails = {finding["document_id"] for finding in findings if finding["entity"] == "EMAIL_ADDRESS"}
    assert emails == {f"{folder}/note.txt", f"{folder}/page.html", f"{folder}/people.csv#L2",
                      f"{folder}/posts.jsonl#L1", f"{folder}/data.json"}
    assert all("@" in finding["value_redacted"] and "value" not in finding for finding in findings
               if finding["entity"] == "EMAIL_ADDRESS")
    assert "ann.lee@example.com" not in out
    skipped = {item["where"]: item["reason"] for item in payload["skipped"]}
    assert all(set(item) == {"where", "reason"} for item in payload["skipped"])
    assert set(skipped) == {f"{folder}/posts.jsonl#L2", f"{folder}/image.txt"}
    assert "binary" in skipped[f"{folder}/image.txt"]


MENTION_AND_DISCLOSURE = "Flu season is here again.\nI've got a chest infection and I'm off work.\n"


def test_detect_counts_topic_mentions_and_lists_them_on_request(engine: DetectionEngine) -> None:
    code, out, err = run(["detect", "--format", "jsonl", "-"], MENTION_AND_DISCLOSURE)
    values = {MENTION_AND_DISCLOSURE[line["start"]:line["end"]].lower() for line in jsonl(out)}
    assert code == 0
    assert "chest infection" in values and "flu" not in values
    assert "1 topic mention not reported" in err

    code, out, err = run(["detect", "--format", "jsonl", "--include-mentions", "-"], MENTION_AND_DISCLOSURE)
    values = {MENTION_AND_DISCLOSURE[line["start"]:line["end"]].lower() for line in jsonl(out)}
    assert code == 0 and {"chest infection", "flu"} <= values
    assert "1 topic mention listed at low risk" in err


def test_scan_files_reports_subjects_and_counts_mentions(engine: DetectionEngine, tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "post.txt").write_text(MENTION_AND_DISCLOSURE, encoding="utf-8")
    code, out, err = run(["scan-files", "--format", "json", "--no-store", str(folder)])
    assert code == 0, err
    payload = json.loads(out)
    health = [finding for finding in payload["findings"] if finding["entity"] == "MEDICAL_CONDITION"]
    assert [(finding["subject"], finding["mention"]) for finding in health] == [("self", False)]
    assert "about you (first person)" in health[0]["reason"]
    assert payload["topic_mentions"] == {"count": 1, "listed": False}
    assert "1 topic mention not reported" in err

    code, out, err = run(["scan-files", "--format", "json", "--no-store", "--include-mentions", str(folder)])
    payload = json.loads(out)
    mentions = [finding for finding in payload["findings"] if finding["mention"]]
    assert [(finding["entity"], finding["subject"], finding["level"]) for finding in mentions] == [
        ("MEDICAL_CONDITION", None, "low")]
    assert payload["topic_mentions"] == {"count": 1, "listed": True}
    assert "1 topic mention listed at low risk" in err


def test_include_mentions_is_on_every_scanning_command() -> None:
    for command in ("detect", "scan-files", "archive", "scan"):
        result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
        assert "--include-mentions" in result.stdout, command


def test_detect_does_not_import_what_it_does_not_use() -> None:
    """Start-up: the web client and the findings store cost a part of a second to import; detect needs
    neither (tests/benchmarks/startup.py measures the whole start-up)."""
    script = ("import sys, scanner.cli, scanner.commands.detect; "
              "print(sorted(m for m in ('scanner.crawl.fetch', 'scanner.store') if m in sys.modules))")
    imported = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              timeout=120)
    assert imported.stdout.strip() == "[]"


def test_the_console_script_keeps_the_apps_exit_codes(tmp_path: Path) -> None:
    """`exposure` is `scanner.cli.main`: the app, then a cheaper exit; a usage error still exits 2."""
    missing = tmp_path / "missing.txt"
    command = [sys.executable, "-c", "from scanner.cli import main; main()", "detect", str(missing)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "missing.txt" in done.stderr
