"""The per-site AI-training table a crawl prints on stderr, with where to opt out and corpus counts.

A claim needs evidence: a signal that was not measured (the site was down, the page was a 404) reads
"not checked", never "no"; an ai.txt that was asked for and is absent reads "not found".
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from scanner.models import SourceSignals
from scanner.report.plain import write_tsv

HEADERS = ("site", "training crawlers", "noai", "TDM reserved", "ai.txt", "Common Crawl", "platform trains")
NOT_CHECKED = "not checked"
TITLE = "AI-training exposure per site"


def yes_no(value: bool | None, yes: str = "yes", no: str = "no", unknown: str = NOT_CHECKED) -> str:
    return unknown if value is None else yes if value else no


def ai_txt_text(signals: SourceSignals) -> str:
    """disallows / allows / not found (asked, absent) / not checked (never asked)."""
    if not signals.ai_txt_checked and signals.ai_txt_disallows is None:
        return NOT_CHECKED
    return yes_no(signals.ai_txt_disallows, "disallows", "allows", "not found")


def signal_cells(item: SourceSignals) -> tuple[str, ...]:
    """One site's row: what was measured, and "not checked" where nothing was."""
    total = len(item.training_crawlers_allowed) + len(item.training_crawlers_blocked)
    blocked = len(item.training_crawlers_blocked)
    crawlers = f"{blocked}/{total} blocked" if item.robots_checked else NOT_CHECKED
    captures = NOT_CHECKED if item.common_crawl_captures is None else str(item.common_crawl_captures)
    return (item.key, crawlers, yes_no(item.noai), yes_no(item.tdm_reserved), ai_txt_text(item), captures,
            yes_no(item.platform_trains_by_default, unknown="unknown"))


def print_signals(err: Console, signals: list[SourceSignals], corpora: list[dict[str, Any]]) -> None:
    """A small table per site: how open it is to AI training, and where to opt out."""
    if not signals:
        return
    if err.is_terminal:
        table = Table(title=TITLE, title_justify="left")
        for column in HEADERS:
            table.add_column(column)
        for item in signals:
            table.add_row(*signal_cells(item))
        err.print(table)
    else:
        err.file.write(TITLE + "\n")
        write_tsv(err.file, HEADERS, (signal_cells(item) for item in signals))
    for item in signals:
        if item.opt_out_url:
            err.print(f"{item.key}: opt out at {item.opt_out_url}", markup=False, highlight=False)
    for record in corpora:
        found = ", ".join(f"{index}: {'?' if count is None else count}"
                          for index, count in record["counts"].items())
        err.print(f"in training corpora ({record['entity']}, {record['document_id']}): {found}",
                  markup=False, highlight=False)
