"""`exposure diff [SCAN_A SCAN_B]`: what is new, gone and unchanged between two scans (default: last two)."""

from __future__ import annotations

from rich.console import Console

from scanner.commands.exits import EXIT_OK
from scanner.config import Settings
from scanner.report.diff_view import show_diff
from scanner.report.export import stored_record
from scanner.store import open_store


def run_diff(settings: Settings, old_id: int | None, new_id: int | None, output_format: str,
             show_values: bool, limit: int | None, out: Console, err: Console, explain: bool = False) -> int:
    with open_store(settings) as store:
        diff = store.diff(old_id, new_id)
    added = [stored_record(found, show_values, explain) for found in diff.added]
    gone = [stored_record(found, show_values, explain) for found in diff.gone]
    show_diff(out, diff, added, gone, output_format, show_values, limit, explain)
    counts = f"{len(added)} new, {len(gone)} gone, {diff.unchanged} unchanged"
    err.print(counts, markup=False, highlight=False)
    return EXIT_OK
