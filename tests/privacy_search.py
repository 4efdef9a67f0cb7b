"""Searching every byte a run wrote for planted personal values (used by the test_privacy_* modules).

A value counts as leaked if any of its spellings (as planted, lower- and upper-cased, without
spaces and punctuation, digits only for phone-like values) is found as UTF-8 or UTF-16 in a file
under a watched folder or in a captured stdout/stderr.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from typer.testing import CliRunner

from scanner.cli import app

PERSONA = {
    "EMAIL_ADDRESS": ("rowan.hale@example.org", "ro.delacroix@example.com"),
    "PHONE_NUMBER": ("+1 503-555-0142",),
    "CREDIT_CARD": ("4111 1111 1111 1111",),
    "IP_ADDRESS": ("203.0.113.42",),
    "STREET_ADDRESS": ("1427 Alder Street",),
    "DATE_OF_BIRTH": ("1988-03-14", "14 March 1988"),
    "GEO_COORDINATES": ("45.5118, -122.5941",),
    "MEDICAL_CONDITION": ("type 1 diabetes",),
    "MEDICATION": ("insulin pump",),
    "PERSON": ("Rowan Delacroix-Hale",),
}
"""The persona's values (samples/PERSONA.md) that are distinctive enough to search for as bytes:
none of them is also a locator (a URL or member path) in the samples."""
UNKNOWN = {"IDENTIFIER": ("QX7-88412-KT",)}
"""A customer reference no recognizer reports: planted beside values that are reported, it must still be
in no byte at rest (snippets mask identifier-like words, and are sealed in the database)."""
FINDINGS_FORMATS = ("table", "json", "jsonl", "csv", "markdown")
REVIEW_ANSWERS = "c\nf\nu\nx\ni\ns\nq\n"
"""confirm, false positive, undo, fixed, ignore, skip, quit: every kind of decision once."""


@dataclass
class Run:
    """Everything one pass through the commands wrote."""

    home: Path
    report: Path
    outputs: dict[str, str] = field(default_factory=dict)
    codes: dict[str, int] = field(default_factory=dict)

    def invoke(self, name: str, *args: str, stdin: str | None = None) -> str:
        result = CliRunner().invoke(app, list(args), input=stdin)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        self.outputs[name] = result.stdout + result.stderr
        self.codes[name] = result.exit_code
        return result.stdout


def read_back(run: Run, config: list[str], asked: bool) -> None:
    """Every command that reads the store, in every format; `asked` adds --show-values where it exists."""
    show = ["--show-values"] if asked else []
    for output_format in FINDINGS_FORMATS:
        run.invoke(f"findings {output_format}", "findings", "-f", output_format, "--explain",
                   "--limit", "0", *config, *show)
    run.invoke("score", "score", "--explain", *config)
    run.invoke("score json", "score", "-f", "json", "--explain", *config)
    run.invoke("diff", "diff", "--limit", "0", *config, *show)
    run.invoke("diff json", "diff", "1", "2", "-f", "json", *config, *show)
    run.invoke("report", "report", "--html", str(run.report), *config, *show)
    run.invoke("review", "review", *config, *show, stdin=REVIEW_ANSWERS)
    for output_format in ("table", "json", "markdown", "csv"):
        run.invoke(f"act {output_format}", "act", "-f", output_format, *config)
    run.invoke("requests", "requests", *config)


def spellings(value: str, entity: str) -> set[str]:
    """The value as planted and in the normalised forms a careless writer might use."""
    compact = re.sub(r"[\s\-+().]", "", value)
    found = {value, value.lower(), value.upper(), re.sub(r"\s+", "", value)}
    if entity in {"PHONE_NUMBER", "CREDIT_CARD"}:
        digits = re.sub(r"\D", "", value)
        found |= {compact, digits, digits[-10:], "+" + digits}
    if entity == "GEO_COORDINATES":
        found |= {part.strip() for part in value.split(",")}
    return found


def written_bytes(folders: Iterable[Path], outputs: Iterable[str]) -> Iterator[tuple[str, bytes]]:
    """(where, content) for every file under the folders (or the file itself) and every output."""
    for folder in folders:
        paths = sorted(folder.rglob("*")) if folder.is_dir() else [folder]
        for path in paths:
            if path.is_file():
                yield str(path), path.read_bytes()
    for number, text in enumerate(outputs):
        yield f"output #{number}", text.encode("utf-8")


def leaks(folders: Iterable[Path], outputs: Iterable[str],
          values: dict[str, tuple[str, ...]] = PERSONA) -> list[str]:
    """Every (value spelling, where) found; empty when nothing raw was written."""
    found = []
    for where, data in written_bytes(folders, outputs):
        lowered = data.lower()
        for entity, planted in values.items():
            for value in planted:
                for spelling in spellings(value, entity):
                    needle = spelling.lower()
                    if needle.encode("utf-8") in lowered or needle.encode("utf-16-le") in lowered:
                        found.append(f"{entity} {spelling!r} in {where}")
    return sorted(set(found))


def not_private(folders: Iterable[Path]) -> list[str]:
    """Files not 0600 and folders not 0700 under (and including) the folders, or the files given."""
    wrong = []
    for folder in folders:
        paths = [folder, *folder.rglob("*")] if folder.is_dir() else [folder]
        for path in paths:
            mode = stat.S_IMODE(path.stat().st_mode)
            expected = 0o700 if path.is_dir() else 0o600
            if mode != expected:
                wrong.append(f"{path} is {mode:o}, not {expected:o}")
    return wrong
