"""Rendering a finished scan the same way for every scanning command (scan-files, archive, scan)."""

from __future__ import annotations

from typing import Any

from rich.console import Console

from scanner.report.export import scan_json
from scanner.report.table import print_findings, summary_line
from scanner.scan import ScanResult
from scanner.score import rank_findings

EXIT_OK, EXIT_PARTIAL = 0, 3


def render_scan(result: ScanResult, output_format: str, show_values: bool, limit: int | None,
                out: Console, err: Console, extra: dict[str, Any] | None = None) -> int:
    """Print the ranked findings (table or JSON) and the summary; the exit code says if anything was skipped."""
    ranked = rank_findings(result.findings)
    if output_format == "json":
        out.print_json(scan_json(ranked, result.summary, show_values, extra)) if out.is_terminal else \
            print(scan_json(ranked, result.summary, show_values, extra), file=out.file)
    else:
        print_findings(out, ranked, show_values, limit)
    for skip in result.summary.skipped:
        err.print(f"skipped {skip.where}: {skip.reason}", markup=False, highlight=False)
    err.print(summary_line(result.summary, len(ranked)), markup=False, highlight=False)
    return EXIT_PARTIAL if result.summary.skipped else EXIT_OK
