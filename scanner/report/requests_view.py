"""`exposure requests`: the requests sent, as JSON (one object per request) or a terminal table."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table

from scanner.actions.tracking import RequestState

COLUMNS = ("id", "letter", "law", "sent_on", "due", "state", "next_step", "notes")


def request_record(state: RequestState) -> dict[str, Any]:
    request, now = state.request, state.progress
    return {"id": request.id, "letter": request.letter, "recipient": request.recipient, "law": request.law,
            "sent_on": request.sent_on.isoformat(), "extended": request.extended, "due": now.due.isoformat(),
            "state": now.state, "next_step": now.next_step, "notes": request.notes}


def show_requests(states: list[RequestState], output_format: str, out: Console) -> None:
    if output_format == "json":
        print(json.dumps([request_record(state) for state in states], ensure_ascii=False, indent=2),
              file=out.file)
        return
    if not states:
        out.print("No requests recorded yet: `exposure act --letters DIR` writes the letters.")
        return
    table = Table(show_edge=False, pad_edge=False)
    for column in COLUMNS:
        table.add_column(column.replace("_", " "))
    for state in states:
        record = request_record(state)
        table.add_row(*(str(record[key] or "") for key in COLUMNS))
    out.print(table)
