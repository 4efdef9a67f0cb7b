"""Finishing a scan the same way for every scanning command (scan-files, archive, scan): record, show."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console

from scanner.commands.exits import scan_exit
from scanner.config import Settings
from scanner.record import ScanOptions, record_scan
from scanner.report.scan_view import say_scan_end, show_scan

if TYPE_CHECKING:  # the scan stack (spaCy, Presidio) stays unloaded for store-only commands
    from scanner.scan import ScanResult


def finish_scan(result: ScanResult, output_format: str, show_values: bool, limit: int | None, out: Console,
                err: Console, settings: Settings, options: ScanOptions, command: str, target: str,
                extra: dict[str, Any] | None = None) -> int:
    """Record the scan, show it, and return the exit code."""
    with record_scan(result, settings, options, command, target, show_values) as recorded:
        show_scan(recorded, result.summary, output_format, limit, out, extra)
    say_scan_end(err, recorded, result.summary)
    return scan_exit(recorded.failed, len(result.summary.skipped), result.summary.documents)
