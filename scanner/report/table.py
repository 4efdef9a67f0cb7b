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

if TYPE_CHECKING:  # the scan stack (spaCy, Presidio) stays unloaded for store-only commands
    from scanner.scan import ScanSummary

LEVEL_STYLES = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "dim"}


def records_table(records: Sequence[Record], show_values: bool = False, start: int = 1) -> Table:
    scored = bool(records) and "risk" in records[0]
    table = Table(header_style="bold", expand=False)
    table.add_column("#", justify="right", style="dim")
    if scored:
        table.add_column("id", style="dim", no_wrap=True)
        table.add_column("risk", justify="right")
        table.add_column("level", no_wrap=True)
    table.add_column("entity", style="bold", overflow="fold", min_width=8)
    table.add_column("value", overflow="fold")
    if records and "status" in records[0]:
        table.add_column("status")
    table.add_column("where", overflow="fold", min_width=10, max_width=48)
    table.add_column("why", overflow="fold", max_width=40)
    for number, record in enumerate(records, start):
        value = record["value"] if show_values and record.get("value") else record["value_redacted"]
        cells = [Text(str(number))]
        if scored:
            level = record["level"]
            cells += [Text(record["fingerprint"][:7]), Text(f"{record['risk']:.0f}"),
                      Text(level, style=LEVEL_STYLES.get(level, ""))]
        cells += [Text(record["entity"]), Text(value)]
        if "status" in record:
            cells.append(Text(record["status"]))
        why = record["reason"]
        cells += [Text(record["url"] or record["document_id"]), Text(why)]
        table.add_row(*cells)
    return table


def print_records(console: Console, records: Sequence[Record], show_values: bool = False,
                  limit: int | None = None, explain: bool = False, total: int | None = None) -> None:
    """The table (first `limit` rows) and a line saying how many more there are."""
    if not records:
        console.print("No personal data found.")
        return
    shown = records if limit is None else records[:limit]
    console.print(records_table(shown, show_values))
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
    return f"{summary.documents} documents ({kinds or 'none'}); {findings} findings{skipped}"


def print_findings(console: Console, findings: Sequence[Finding], show_values: bool = False,
                   limit: int | None = None) -> None:
    """Unscored findings (the `detect` command) in the same table."""
    print_records(console, [finding_record(finding, show_values) for finding in findings], show_values, limit)
