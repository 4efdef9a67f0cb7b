"""`exposure diff` as JSON, Markdown or two tables (new, gone) under a line naming the two scans."""

from __future__ import annotations

import json

from rich.console import Console

from scanner.report.export import Record
from scanner.report.markdown import write_markdown
from scanner.report.table import print_records
from scanner.store import ScanDiff, ScanRecord

DIFF_FORMATS = ("table", "json", "markdown")
"""What `diff --format` accepts."""


def _scan_text(scan: ScanRecord) -> str:
    return f"scan {scan.id} ({scan.started_at}, {scan.command} {scan.target})".replace("  ", " ")


def show_diff(out: Console, diff: ScanDiff, added: list[Record], gone: list[Record], output_format: str,
              show_values: bool, limit: int | None, explain: bool) -> None:
    if output_format == "json":
        payload = {"old_scan": diff.old.id, "new_scan": diff.new.id, "new": added, "gone": gone,
                   "unchanged": diff.unchanged}
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out.file)
        return
    if output_format == "markdown":
        print(f"# {_scan_text(diff.old)} -> {_scan_text(diff.new)}", file=out.file)
        for title, records in (("New", added), ("Gone", gone)):
            print(f"\n## {title}: {len(records)}\n", file=out.file)
            write_markdown(records[:limit], out.file, show_values, explain)
        return
    out.print(f"{_scan_text(diff.old)} -> {_scan_text(diff.new)}", markup=False, highlight=False)
    for title, records in (("new", added), ("gone", gone)):
        out.print(f"\n{title}: {len(records)}", markup=False, highlight=False)
        if records:
            print_records(out, records, show_values, limit, explain)
