"""`exposure findings`: the stored findings, ranked by risk, filtered, in the format asked for."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from rich.console import Console

from scanner.commands.exits import EXIT_OK
from scanner.commands.inputs import checked_filter, stored_scan
from scanner.config import Settings
from scanner.report import FINDINGS_FORMATS
from scanner.report.export import Listing, Record, stored_record
from scanner.store import FindingFilter, open_store

TABLE_ROWS = 50
"""Rows the table shows when no --limit is given; the other formats give everything."""


class _ValuesSeen:
    """Passes records through and notes whether any asked-for value was never stored."""

    def __init__(self) -> None:
        self.missing = False

    def watch(self, records: Iterable[Record]) -> Iterator[Record]:
        for record in records:
            if "value" in record and record["value"] is None:
                self.missing = True
            yield record


def run_findings(settings: Settings, selection: FindingFilter, scan: str | None, output_format: str,
                 show_values: bool, explain: bool, out: Console, err: Console) -> int:
    """`scan` is a scan id, 'latest' (none stored: nothing matches) or None (every scan)."""
    if output_format == "table" and selection.limit is None:
        selection = dataclasses.replace(selection, limit=TABLE_ROWS)
    values = _ValuesSeen()
    with open_store(settings, create=False, read_only=True) as store:
        selection = checked_filter(store, selection)
        if scan is not None:
            chosen = stored_scan(store, scan)
            selection = dataclasses.replace(selection, scan_id=chosen.id if chosen else -1)
        total = store.count(selection)
        found = store.findings(selection)
        records = values.watch(stored_record(item, show_values, explain) for item in found)
        FINDINGS_FORMATS[output_format](Listing(records, total, show_values, explain), out)
    shown = total if selection.limit is None else min(total, selection.limit)
    err.print(f"{shown} of {total} findings", markup=False, highlight=False)
    if values.missing:
        err.print("values were not stored for some findings: scan with --store-values to keep them",
                  markup=False, highlight=False)
    return EXIT_OK
