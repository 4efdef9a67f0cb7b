"""The findings table a person reads in the terminal (rich), redacted unless asked otherwise.

It renders records (scanner.report.export), so a fresh scan and the database look the same; records
without a risk (the `detect` command) simply leave those columns out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from scanner.models import Finding
from scanner.report.export import Listing, Record, finding_record
from scanner.report.plain import write_tsv

if TYPE_CHECKING:  # the scan stack (spaCy, Presidio) stays unloaded for store-only commands
    from scanner.scan import ScanSummary

LEVEL_STYLES = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "dim"}


def _columns(records: Sequence[Record]) -> list[str]:
    """The columns these records fill: risk ones only when scored, status only when stored."""
    scored = bool(records) and "risk" in records[0]
    status = ["status"] if records and "status" in records[0] else []
    return ["#", *(["id", "risk", "level"] if scored else []), "entity", "value", *status, "where", "why"]


def _cells(number: int, record: Record, show_values: bool) -> dict[str, str]:
    value = record["value"] if show_values and record.get("value") else record["value_redacted"]
    cells = {"#": str(number), "entity": record["entity"], "value": value,
             "where": record["url"] or record["document_id"], "why": record["reason"]}
    if "risk" in record:
        cells.update(id=record["fingerprint"][:7], risk=f"{record['risk']:.0f}", level=record["level"])
    if "status" in record:
        cells["status"] = record["status"]
    return cells


def write_plain(console: Console, records: Sequence[Record], show_values: bool = False,
                start: int = 1) -> None:
    """The table's columns as tab-separated lines with whole values, for a pipe."""
    columns = _columns(records)
    rows = ([_cells(number, record, show_values)[column] for column in columns]
            for number, record in enumerate(records, start))
    write_tsv(console.file, columns, rows)


COLUMN_STYLES: dict[str, dict[str, object]] = {
    "#": {"justify": "right", "style": "dim"}, "id": {"style": "dim", "no_wrap": True},
    "risk": {"justify": "right"}, "level": {"no_wrap": True},
    "entity": {"style": "bold", "overflow": "fold", "min_width": 8}, "value": {"overflow": "fold"},
    "status": {}, "where": {"overflow": "fold", "min_width": 10, "max_width": 48},
    "why": {"overflow": "fold", "max_width": 40},
}


def records_table(records: Sequence[Record], show_values: bool = False, start: int = 1) -> Table:
    """The records as a rich table for a terminal (a pipe gets write_plain)."""
    columns = _columns(records)
    table = Table(header_style="bold", expand=False)
    for column in columns:
        table.add_column(column, **COLUMN_STYLES[column])  # type: ignore[arg-type]
    for number, record in enumerate(records, start):
        cells = _cells(number, record, show_values)
        table.add_row(*(Text(cells[column], style=LEVEL_STYLES.get(cells[column], "") if column == "level"
                             else "") for column in columns))
    return table


def print_records(console: Console, records: Sequence[Record], show_values: bool = False,
                  limit: int | None = None, explain: bool = False, total: int | None = None) -> None:
    """The table (first `limit` rows) and a line saying how many more there are."""
    if not records:
        console.print("No personal data found.")
        return
    shown = records if limit is None else records[:limit]
    if console.is_terminal:
        console.print(records_table(shown, show_values))
    else:
        write_plain(console, shown, show_values)
    if explain:
        for number, record in enumerate(shown, 1):
            if "factors" in record:
                console.print(Text(explanation(number, record)))
    total = len(records) if total is None else total
    if total > len(shown):
        console.print(f"… and {total - len(shown)} more (use --limit 0 or --format json for all)")


def print_listing(listing: Listing, console: Console) -> None:
    """`findings` as a table: the records given (already limited) out of `listing.total`."""
    print_records(console, list(listing.records), listing.show_values, None, listing.explain, listing.total)


def explanation(number: int, record: Record) -> str:
    """'#1 46e26a1b risk 45 = 100 × sensitivity 1.00 (why) × ...' for --explain."""
    factors = " × ".join(f"{f['name']} {f['value']:.2f} ({f['why']})" for f in record["factors"])
    return f"#{number} {record['fingerprint'][:8]} risk {record['risk']:.0f} = 100 × {factors}"


def summary_line(summary: ScanSummary, findings: int) -> str:
    kinds = ", ".join(f"{count} {kind}" for kind, count in summary.by_kind.most_common())
    skipped = f"; {len(summary.skipped)} skipped" if summary.skipped else ""
    mentions = mentions_note(summary)
    return f"{summary.documents} documents ({kinds or 'none'}); {findings} findings{skipped}{mentions}"


def mentions_note(summary: ScanSummary) -> str:
    """'; N topic mentions not reported' (or 'listed at low risk' with --include-mentions)."""
    if not summary.mentions:
        return ""
    what = "topic mention" if summary.mentions == 1 else "topic mentions"
    fate = "listed at low risk" if summary.mentions_listed else "not reported"
    return f"; {summary.mentions} {what} {fate}"


def language_line(summary: ScanSummary) -> str | None:
    """'languages: all detectors on en 120; language-independent detectors on de 14, da 3', or None."""
    grouped = summary.detectors_by_language()
    if not grouped:
        return None
    return "languages: " + "; ".join(
        f"{detectors} on " + ", ".join(f"{language} {count}" for language, count in counts.items())
        for detectors, counts in grouped.items()
    )


def print_findings(console: Console, findings: Sequence[Finding], show_values: bool = False,
                   limit: int | None = None) -> None:
    """Unscored findings (the `detect` command) in the same table."""
    print_records(console, [finding_record(finding, show_values) for finding in findings], show_values, limit)
