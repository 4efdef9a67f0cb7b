"""The per-site AI-training table a crawl prints on stderr, with where to opt out and corpus counts."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from scanner.models import SourceSignals


def _yes_no(value: bool | None, yes: str = "yes", no: str = "no") -> str:
    return "?" if value is None else yes if value else no


def print_signals(err: Console, signals: list[SourceSignals], corpora: list[dict[str, Any]]) -> None:
    """A small table per site: how open it is to AI training, and where to opt out."""
    if not signals:
        return
    table = Table(title="AI-training exposure per site", title_justify="left")
    for column in ("site", "training crawlers", "noai", "TDM reserved", "ai.txt", "Common Crawl",
                   "platform trains"):
        table.add_column(column)
    for item in signals:
        total = len(item.training_crawlers_allowed) + len(item.training_crawlers_blocked)
        crawlers = f"{len(item.training_crawlers_blocked)}/{total} blocked" if item.robots_checked else "?"
        captures = "-" if item.common_crawl_captures is None else str(item.common_crawl_captures)
        table.add_row(item.key, crawlers, _yes_no(item.noai), _yes_no(item.tdm_reserved),
                      _yes_no(item.ai_txt_disallows, "disallows", "allows"), captures,
                      _yes_no(item.platform_trains_by_default))
    err.print(table)
    for item in signals:
        if item.opt_out_url:
            err.print(f"{item.key}: opt out at {item.opt_out_url}", markup=False, highlight=False)
    for record in corpora:
        found = ", ".join(f"{index}: {'?' if count is None else count}"
                          for index, count in record["counts"].items())
        err.print(f"in training corpora ({record['entity']}, {record['document_id']}): {found}",
                  markup=False, highlight=False)
