"""`exposure requests`: the legal requests sent, their deadlines and states; record what happened."""

from __future__ import annotations

from datetime import date

from rich.console import Console

from scanner.actions.deadlines import local_today
from scanner.actions.person import Requester
from scanner.actions.run import plan_from_store
from scanner.actions.tracking import record_event, record_sent, request_states
from scanner.commands.exits import EXIT_OK
from scanner.config import Settings
from scanner.report.requests_view import show_requests
from scanner.store import open_store


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
    show_requests(states, output_format, out)
    return EXIT_OK
