"""`findings --format markdown`: a GitHub-flavoured table to paste into an issue or a note."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from scanner.report.export import Record, factors_text


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def write_markdown(records: Iterable[Record], stream: IO[str], show_values: bool = False,
                   explain: bool = False) -> int:
    """Write the table; returns the number of rows."""
    headers = ["id", "risk", "level", "status", "entity", "value", "where", "why"]
    if explain:
        headers.append("factors")
    stream.write("| " + " | ".join(headers) + " |\n")
    stream.write("|" + "|".join("---" for _ in headers) + "|\n")
    rows = 0
    for record in records:
        value = record.get("value") if show_values and record.get("value") else record["value_redacted"]
        cells = [record["fingerprint"][:8], f"{record['risk']:.0f}", record["level"],
                 record.get("status", "open"), record["entity"], value,
                 record.get("url") or record["document_id"], f"{record['detector']}: {record['reason']}"]
        if explain:
            cells.append(factors_text(record))
        stream.write("| " + " | ".join(_cell(cell) for cell in cells) + " |\n")
        rows += 1
    return rows
