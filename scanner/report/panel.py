"""One stored finding as a panel for `exposure review`: what, where, the context and why it was flagged."""

from __future__ import annotations

from rich.panel import Panel
from rich.text import Text

from scanner.report.table import LEVEL_STYLES
from scanner.store import StoredFinding


def finding_panel(found: StoredFinding, number: int, total: int, show_values: bool) -> Panel:
    value = found.value if show_values and found.value is not None else found.value_masked
    text = Text()
    text.append(f"{found.entity}", style="bold")
    text.append(f" ({found.category})  {value}\n")
    text.append(f"where: {found.url or found.document_id}  [{found.source}, {found.kind.value}, "
                f"{found.visibility.value}]\n", style="dim")
    text.append(f"context: {found.snippet}\n")
    text.append(f"why: {found.detector}: {found.reason}\n", style="dim")
    for factor in found.factors:
        text.append(f"  {factor.name}: {factor.value:g}  {factor.why}\n", style="dim")
    title = Text(f" {number}/{total}  risk {found.risk:.0f} {found.level}  id {found.fingerprint[:12]} ",
                 style=LEVEL_STYLES.get(found.level, ""))
    return Panel(text, title=title, title_align="left")
