"""`exposure diff [SCAN_A SCAN_B]`: new, gone and unchanged between two scans (default: the last two of the
same sources, chosen by scanner.comparison)."""

from __future__ import annotations

from rich.console import Console

from scanner.commands.exits import EXIT_OK
from scanner.comparison import chosen_comparison, default_comparison
from scanner.config import Settings
from scanner.report.diff_view import show_diff
from scanner.report.export import stored_record
from scanner.store import open_store


def run_diff(settings: Settings, old_id: int | None, new_id: int | None, output_format: str,
             show_values: bool, limit: int | None, out: Console, err: Console, explain: bool = False) -> int:
    with open_store(settings, create=False, read_only=True) as store:
        scans = store.scans()
        pair = (default_comparison(scans) if old_id is None or new_id is None
                else chosen_comparison(scans, old_id, new_id))
        diff = store.diff(pair.old.id, pair.new.id)
    added = [stored_record(found, show_values, explain) for found in diff.added]
    gone = [stored_record(found, show_values, explain) for found in diff.gone]
    err.print(f"comparing scan {pair.old.id} with scan {pair.new.id}: {pair.why}", markup=False,
              highlight=False)
    show_diff(out, diff, added, gone, output_format, show_values, limit, explain)
    counts = f"{len(added)} new, {len(gone)} gone, {diff.unchanged} unchanged"
    err.print(counts, markup=False, highlight=False)
    return EXIT_OK
