"""`exposure act`: the action plan from the stored findings; --done marks items, --letters writes letters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.console import Console

from scanner.actions.deadlines import local_today
from scanner.actions.person import Requester
from scanner.actions.run import due_letters, plan_from_store, write_letters
from scanner.actions.verify import mark_done
from scanner.commands.exits import EXIT_OK
from scanner.config import Settings
from scanner.report.plan import PLAN_FORMATS
from scanner.store import open_store


def run_act(settings: Settings, output_format: str, done: list[str], letters: Path | None, out: Console,
            err: Console, today: date | None = None) -> int:
    requester = Requester.from_me(settings.me)
    today = today or local_today(requester.timezone)
    with open_store(settings) as store:
        for item in done:
            document_id, count = mark_done(store, item)
            err.print(f"marked {item} done: {count} finding(s) of {document_id} fixed; the next scan of "
                      "its source checks it is gone", markup=False, highlight=False)
        plan = plan_from_store(store, requester, today)
    PLAN_FORMATS[output_format](plan, out)
    if letters is not None:
        written = due_letters(plan, requester, today)
        summary = write_letters(written, letters, requester.email)
        err.print(f"wrote {len(written)} letter(s) in {letters}, how to send each in {summary}; "
                  "nothing was sent", markup=False, highlight=False)
    err.print(f"plan: {len(plan.sections)} section(s), "
              f"{sum(len(section.items) for section in plan.sections)} item(s) to check",
              markup=False, highlight=False)
    return EXIT_OK
