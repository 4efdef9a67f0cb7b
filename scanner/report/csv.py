"""`findings --format csv`: one row per finding, fixed columns, factors as one readable cell."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

from scanner.report.export import Record, factors_text

COLUMNS = ("fingerprint", "risk", "level", "status", "entity", "category", "value_redacted", "about_me",
           "first_person", "subject", "source", "document_id", "url", "visibility", "created_at", "score",
           "detector",
           "reason", "snippet", "first_seen", "last_seen")


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
        writer.writerow(row)
        rows += 1
    return rows
