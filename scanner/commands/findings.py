"""`exposure findings`: the stored findings, ranked by risk, filtered, in the format asked for."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from rich.console import Console

from scanner.commands.exits import EXIT_OK
from scanner.config import Settings
from scanner.report.csv import write_csv
from scanner.report.export import Record, record_line, records_json, stored_record
from scanner.report.markdown import write_markdown
from scanner.report.table import print_records
from scanner.store import FindingFilter, Store, database_path

FORMATS = ("table", "json", "jsonl", "csv", "markdown")
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


def run_findings(settings: Settings, selection: FindingFilter, output_format: str, show_values: bool,
                 explain: bool, out: Console, err: Console) -> int:
    if output_format == "table" and selection.limit is None:
        selection = dataclasses.replace(selection, limit=TABLE_ROWS)
    values = _ValuesSeen()
    with Store(database_path(settings), create=False, read_only=True) as store:
        total = store.count(selection)
        found = store.findings(selection)
        records = values.watch(stored_record(item, show_values, explain) for item in found)
        if output_format == "table":
            print_records(out, list(records), show_values, None, explain, total)
        elif output_format == "json":
            print(records_json(records, {"total": total}), file=out.file)
        elif output_format == "jsonl":
            for record in records:
                print(record_line(record), file=out.file)
        elif output_format == "csv":
            write_csv(records, out.file, show_values, explain)
        else:
            write_markdown(records, out.file, show_values, explain)
    shown = total if selection.limit is None else min(total, selection.limit)
    err.print(f"{shown} of {total} findings", markup=False, highlight=False)
    if values.missing:
        err.print("values were not stored for some findings: scan with --store-values to keep them",
                  markup=False, highlight=False)
    return EXIT_OK
