"""`exposure scans`: the stored scans, oldest first, as a table, plain tab-separated lines, or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict

from rich.console import Console
from rich.table import Table

from scanner.report.plain import write_tsv
from scanner.store import ScanRecord

HEADERS = ("id", "date", "command", "sources", "documents", "findings", "skipped", "score", "grade")


def _row(scan: ScanRecord) -> tuple[str, ...]:
    score = "" if scan.profile_score is None else f"{scan.profile_score:.0f}"
    return (str(scan.id), scan.started_at, scan.command, scan.target, str(scan.documents), str(scan.findings),
            str(scan.skipped), score, scan.grade or "")


def show_scans(out: Console, scans: Sequence[ScanRecord], output_format: str) -> None:
    if output_format == "json":
        print(json.dumps({"scans": [asdict(scan) for scan in scans]}, ensure_ascii=False, indent=2),
              file=out.file)
    elif not out.is_terminal:
        write_tsv(out.file, HEADERS, (_row(scan) for scan in scans))
    elif not scans:
        out.print("No scans stored yet.")
    else:
        table = Table(header_style="bold")
        for header in HEADERS:
            table.add_column(header, overflow="fold")
        for scan in scans:
            table.add_row(*_row(scan))
        out.print(table)
