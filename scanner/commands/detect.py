"""`exposure detect`: findings in plain text or JSON lines, as a table or as the JSONL contract."""

from __future__ import annotations

import io
import sys

from rich.console import Console

from scanner.commands.output import EXIT_OK, EXIT_PARTIAL
from scanner.config import Settings
from scanner.detect_input import read_detect_input
from scanner.errors import InputError
from scanner.report.export import detect_line
from scanner.report.table import print_findings
from scanner.scan import run_scan


def _open(source: str) -> tuple[io.TextIOBase, str]:
    if source == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace"), "-"
    try:
        return open(source, encoding="utf-8", errors="replace"), source  # noqa: SIM115
    except OSError as error:
        raise InputError(f"cannot read {source}: {error.strerror or error}") from error


def run_detect(source: str, output_format: str, show_values: bool, settings: Settings, workers: int,
               out: Console, err: Console) -> int:
    stream, name = _open(source)
    with stream:
        if output_format == "jsonl":
            def emit(document, found):  # type: ignore[no-untyped-def]
                for finding in found:
                    print(detect_line(document.id, finding, show_values), file=out.file, flush=False)
            result = run_scan(read_detect_input(stream, name), model=settings.spacy_model, workers=workers,
                              on_document=emit)
        else:
            result = run_scan(read_detect_input(stream, name), model=settings.spacy_model, workers=workers)
            print_findings(out, result.findings, show_values)
    for skip in result.summary.skipped:
        err.print(f"skipped {skip.where}: {skip.reason}", markup=False, highlight=False)
    return EXIT_PARTIAL if result.summary.skipped else EXIT_OK
