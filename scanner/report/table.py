"""The findings table a person reads in the terminal (rich), redacted unless asked otherwise."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from scanner.models import Finding
from scanner.redact import mask
from scanner.scan import ScanSummary


def findings_table(findings: Sequence[Finding], show_values: bool = False, limit: int | None = None) -> Table:
    table = Table(show_lines=False, header_style="bold", expand=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("entity", style="bold")
    table.add_column("category")
    table.add_column("value")
    table.add_column("score", justify="right")
    table.add_column("where", overflow="fold", max_width=48)
    table.add_column("why", overflow="fold", max_width=48)
    shown = findings if limit is None else findings[:limit]
    for number, finding in enumerate(shown, 1):
        value = finding.value if show_values else mask(finding.value, finding.entity)
        table.add_row(str(number), finding.entity, finding.category, value, f"{finding.score:.2f}",
                      finding.document.id, f"{finding.detector}: {finding.reason}")
    return table


def summary_line(summary: ScanSummary, findings: int) -> str:
    kinds = ", ".join(f"{count} {kind}" for kind, count in summary.by_kind.most_common())
    skipped = f"; {len(summary.skipped)} skipped" if summary.skipped else ""
    return f"{summary.documents} documents ({kinds or 'none'}); {findings} findings{skipped}"


def print_findings(console: Console, findings: Sequence[Finding], show_values: bool = False,
                   limit: int | None = None) -> None:
    if not findings:
        console.print("No personal data found.")
        return
    console.print(findings_table(findings, show_values, limit))
    if limit is not None and len(findings) > limit:
        console.print(f"… and {len(findings) - limit} more (use --limit 0 or --format json for all)")
