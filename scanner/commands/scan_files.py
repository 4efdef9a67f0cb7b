"""`exposure scan-files`: text-like files and folders through the detectors."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from detectors.engine import DetectionEngine
from scanner.commands.output import finish_scan
from scanner.config import Settings
from scanner.files import file_documents
from scanner.record import ScanOptions
from scanner.scan import run_scan


def run_scan_files(paths: list[Path], output_format: str, show_values: bool, limit: int | None,
                   settings: Settings, workers: int, out: Console, err: Console,
                   options: ScanOptions | None = None, engine: DetectionEngine | None = None) -> int:
    """Scan, then record and show (finish_scan); `engine` lets tests reuse their loaded one."""
    engine = engine or DetectionEngine.shared(settings.spacy_model)
    result = run_scan(file_documents(paths), engine=engine, workers=workers)
    return finish_scan(result, output_format, show_values, limit, out, err, settings,
                       options or ScanOptions(), "scan-files", " ".join(str(path) for path in paths))
