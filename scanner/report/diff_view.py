"""`exposure diff` as JSON or as two tables (new, gone) under a line naming the two scans."""

from __future__ import annotations

import json

from rich.console import Console

from scanner.report.export import Record
from scanner.report.table import print_records
from scanner.store import ScanDiff, ScanRecord


def _scan_text(scan: ScanRecord) -> str:
    return f"scan {scan.id} ({scan.started_at}, {scan.command} {scan.target})".replace("  ", " ")


def show_diff(out: Console, diff: ScanDiff, added: list[Record], gone: list[Record], output_format: str,
              show_values: bool, limit: int | None, explain: bool) -> None:
    if output_format == "json":
        payload = {"old_scan": diff.old.id, "new_scan": diff.new.id, "new": added, "gone": gone,
                   "unchanged": diff.unchanged}
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out.file)
        return
    out.print(f"{_scan_text(diff.old)} -> {_scan_text(diff.new)}", markup=False, highlight=False)
    for title, records in (("new", added), ("gone", gone)):
        out.print(f"\n{title}: {len(records)}", markup=False, highlight=False)
        if records:
            print_records(out, records, show_values, limit, explain)
