"""`exposure detect`: findings in plain text or JSON lines, as a table or as the JSONL contract."""

from __future__ import annotations

import io
import os
import sys
from typing import TextIO

from rich.console import Console

from detectors.engine import DetectionEngine
from scanner.commands.exits import EXIT_OK, EXIT_PARTIAL
from scanner.config import Settings
from scanner.detect_input import read_detect_input
from scanner.errors import InputError
from scanner.models import Document, Finding
from scanner.report.export import detect_line
from scanner.report.table import mentions_note, print_findings
from scanner.scan import run_scan


def _open(source: str) -> tuple[TextIO, str]:
    """The input as text; bytes that are not UTF-8 become U+FFFD instead of stopping the run."""
    if source == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace"), "-"
    try:
        return open(source, encoding="utf-8", errors="replace"), source
    except OSError as error:
        raise InputError(f"cannot read {source}: {error.strerror or error}") from error


def _quiet_stdout() -> None:
    """The reader of our output has gone (`exposure detect ... | head`): stop quietly, as Unix tools do."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def run_detect(source: str, output_format: str, show_values: bool, settings: Settings, workers: int,
               out: Console, err: Console, engine: DetectionEngine | None = None) -> int:
    """Detect, print, and say what was skipped; the exit code is 3 if anything was."""
    engine = engine or DetectionEngine.shared(settings.spacy_model)
    stream, name = _open(source)
    with stream:
        if output_format == "jsonl":
            def emit(document: Document, found: list[Finding]) -> None:
                for finding in found:
                    print(detect_line(document.id, finding, show_values), file=out.file)

            try:
                result = run_scan(read_detect_input(stream, name), engine=engine, workers=workers,
                                  on_document=emit, include_mentions=settings.include_mentions)
            except BrokenPipeError:
                _quiet_stdout()
                return EXIT_OK
        else:
            result = run_scan(read_detect_input(stream, name), engine=engine, workers=workers,
                              include_mentions=settings.include_mentions)
            print_findings(out, list(result.findings), show_values)
    for skip in result.summary.skipped:
        err.print(f"skipped {skip.where}: {skip.reason}", markup=False, highlight=False)
    if (more := result.summary.skipped.beyond_line()) is not None:
        err.print(more, markup=False, highlight=False)
    if result.summary.mentions:
        err.print(mentions_note(result.summary).removeprefix("; "), markup=False, highlight=False)
    return EXIT_PARTIAL if result.summary.skipped else EXIT_OK
