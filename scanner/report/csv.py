"""`findings --format csv`: one row per finding, fixed columns, factors as one readable cell.

Every CSV this tool writes goes through `formula_safe`: a cell is document text, a name or a URL from
the web, and a spreadsheet runs a cell that starts like a formula (CSV injection).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

from scanner.report.export import Record, factors_text

COLUMNS = ("fingerprint", "risk", "level", "status", "note", "entity", "category", "value_redacted",
           "about_me", "first_person", "subject", "third_party", "mention", "source", "document_id",
           "document_kind", "url", "visibility", "created_at", "score", "detector", "reason", "snippet",
           "first_seen", "last_seen")
"""The JSON record's keys (report.export; a test keeps them equal), in the order a spreadsheet reads
them: the triage status and note, then what was found and whose it is (about_me, first_person, subject,
third_party, mention), then where."""


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (OWASP, CSV injection)."""


def formula_safe(value: object) -> object:
    """The cell as written: text that starts like a formula gets a leading single quote, as OWASP
    recommends, so a spreadsheet shows it instead of running it; numbers and other text are unchanged."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


class SafeWriter:
    """A csv.writer whose every cell goes through `formula_safe`."""

    def __init__(self, stream: IO[str]) -> None:
        self._writer = csv.writer(stream, lineterminator="\n")

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([formula_safe(cell) for cell in row])


def write_csv(records: Iterable[Record], stream: IO[str], show_values: bool = False,
              explain: bool = False) -> int:
    """Write the header and the rows; returns the number of rows."""
    columns = list(COLUMNS) + (["value"] if show_values else []) + (["factors"] if explain else [])
    writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    rows = 0
    for record in records:
        row = dict(record)
        if explain:
            row["factors"] = factors_text(record)
        writer.writerow({column: formula_safe(value) for column, value in row.items()})
        rows += 1
    return rows
