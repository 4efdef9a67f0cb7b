"""The per-subject summary of a batch: a rich table on a terminal, or JSON for the study's records."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, Any

from rich.console import Console
from rich.table import Table


def print_subjects(console: Console, rows: Sequence[dict[str, Any]]) -> None:
    """One line per subject: documents, findings, skipped, profile score and grade, top categories."""
    table = Table(header_style="bold", expand=False)
    for name, justify in (("subject_id", "left"), ("documents", "right"), ("findings", "right"),
                          ("skipped", "right"), ("profile", "right"), ("grade", "center"),
                          ("findings by category", "left")):
        table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for row in rows:
        categories = json.loads(row["by_category"] or "{}")
        table.add_row(row["subject_id"], f"{row['documents']:,}", f"{row['findings']:,}",
                      f"{row['skipped']:,}", f"{row['profile_score']:.0f}", row["grade"],
                      ", ".join(f"{name} {count}" for name, count in list(categories.items())[:4]))
    console.print(table)


def write_subjects_json(file: IO[str], rows: Sequence[dict[str, Any]], extra: dict[str, Any]) -> None:
    """{"subjects": [...], ...extra}; each subject's `by_category` as an object."""
    subjects = [{**row, "by_category": json.loads(row["by_category"] or "{}")} for row in rows]
    file.write(json.dumps({"subjects": subjects, **extra}, ensure_ascii=False, indent=2) + "\n")
