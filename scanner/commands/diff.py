"""`exposure diff [SCAN_A SCAN_B]`: what is new, gone and unchanged between two scans (default: last two)."""

from __future__ import annotations

import json

from rich.console import Console

from scanner.commands.exits import EXIT_OK
from scanner.config import Settings
from scanner.report.export import stored_record
from scanner.report.table import print_records
from scanner.store import ScanRecord, open_store


def _scan_text(scan: ScanRecord) -> str:
    return f"scan {scan.id} ({scan.started_at}, {scan.command} {scan.target})".replace("  ", " ")


def run_diff(settings: Settings, old_id: int | None, new_id: int | None, output_format: str,
             show_values: bool, limit: int | None, out: Console, err: Console, explain: bool = False) -> int:
    with open_store(settings) as store:
        diff = store.diff(old_id, new_id)
    added = [stored_record(found, show_values, explain) for found in diff.added]
    gone = [stored_record(found, show_values, explain) for found in diff.gone]
    if output_format == "json":
        payload = {"old_scan": diff.old.id, "new_scan": diff.new.id, "new": added, "gone": gone,
                   "unchanged": diff.unchanged}
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out.file)
    else:
        out.print(f"{_scan_text(diff.old)} -> {_scan_text(diff.new)}", markup=False, highlight=False)
        for title, records in (("new", added), ("gone", gone)):
            out.print(f"\n{title}: {len(records)}", markup=False, highlight=False)
            if records:
                print_records(out, records, show_values, limit, explain)
    counts = f"{len(added)} new, {len(gone)} gone, {diff.unchanged} unchanged"
    err.print(counts, markup=False, highlight=False)
    return EXIT_OK
