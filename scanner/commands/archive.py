"""`exposure archive PATH...`: platform exports (zip, tar, folder, .car, split parts) through detection."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from detectors.engine import DetectionEngine
from scanner.archives.run import ArchiveRun, summary_lines
from scanner.commands.output import finish_scan
from scanner.config import Settings
from scanner.record import ScanOptions
from scanner.report.progress import archive_progress


def run_archive(paths: list[Path], output_format: str, show_values: bool, limit: int | None,
                settings: Settings, workers: int, out: Console, err: Console,
                options: ScanOptions | None = None,
                engine: DetectionEngine | None = None) -> int:
    """Scan the inputs and show the result; `engine` lets a caller reuse a loaded engine (tests)."""
    run = ArchiveRun()
    with archive_progress(err, lambda: run.current, lambda: run.budget.used) as advance:
        result = run.scan(paths, engine, settings.spacy_model, workers, advance)
    code = finish_scan(result, output_format, show_values, limit, out, err, settings,
                       options or ScanOptions(), "archive", " ".join(str(path) for path in paths),
                       {"archives": run.readers})
    for line in summary_lines(result.summary, run.readers):
        err.print(line, markup=False, highlight=False)
    return code
