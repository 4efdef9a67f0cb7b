"""`exposure requests`: the legal requests sent, their deadlines and states; record what happened."""

from __future__ import annotations

import json
from datetime import date

from rich.console import Console
from rich.table import Table

from scanner.actions.deadlines import local_today
from scanner.actions.person import Requester
from scanner.actions.run import plan_from_store
from scanner.actions.tracking import RequestState, record_event, record_sent, request_states
from scanner.commands.exits import EXIT_OK
from scanner.config import Settings
from scanner.store import open_store


def _record(state: RequestState) -> dict[str, object]:
    request, now = state.request, state.progress
    return {"id": request.id, "letter": request.letter, "recipient": request.recipient, "law": request.law,
            "sent_on": request.sent_on.isoformat(), "extended": request.extended, "due": now.due.isoformat(),
            "state": now.state, "next_step": now.next_step, "notes": request.notes}


def run_requests(settings: Settings, event: str, ref: str | None, on: date | None, note: str | None,
                 output_format: str, out: Console, err: Console, today: date | None = None) -> int:
    requester = Requester.from_me(settings.me)
    today = today or local_today(requester.timezone)
    with open_store(settings) as store:
        if event == "sent" and ref is not None:
            number = record_sent(store, plan_from_store(store, requester, today), ref, on or today)
            err.print(f"request {number}: {ref} sent on {(on or today).isoformat()}", markup=False,
                      highlight=False)
        elif event != "list" and ref is not None:
            request = record_event(store, ref, event, on or today, note)
            err.print(f"request {request.id} ({request.letter}): {event}", markup=False, highlight=False)
        states = request_states(store, today)
    if output_format == "json":
        print(json.dumps([_record(state) for state in states], ensure_ascii=False, indent=2), file=out.file)
        return EXIT_OK
    table = Table(show_edge=False, pad_edge=False)
    for column in ("id", "letter", "law", "sent", "due", "state", "next", "notes"):
        table.add_column(column)
    for state in states:
        row = _record(state)
        table.add_row(*(str(row[key] or "") for key in ("id", "letter", "law", "sent_on", "due", "state",
                                                        "next_step", "notes")))
    out.print(table if states else "No requests recorded yet: `exposure act --letters DIR` writes them.")
    return EXIT_OK
