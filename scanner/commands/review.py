"""`exposure review`: one pass through the open findings, highest risk first, deciding each.

Answers are read line by line, so the review can also be driven from a script or a pipe; the session
(scanner/review.py) keeps the decisions.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.text import Text

from scanner.commands.exits import EXIT_OK
from scanner.commands.inputs import checked_filter
from scanner.config import Settings
from scanner.report.panel import finding_panel
from scanner.review import ReviewSession
from scanner.store import FindingFilter, open_store

ANSWERS = {"c": "confirmed", "f": "false-positive", "x": "fixed", "i": "ignored"}
PROMPT = "[c]onfirm  [f]alse positive  fi[x]ed  [i]gnore  [s]kip  [u]ndo  [q]uit > "


def _walk(session: ReviewSession, read: Callable[[str], str], show_values: bool, out: Console,
          err: Console) -> None:
    while (current := session.current) is not None:
        out.print(finding_panel(current, session.index + 1, len(session.queue), show_values))
        try:
            answer = read(PROMPT).strip().lower()[:1]
        except EOFError:
            return
        if answer == "q":
            return
        if answer == "u":
            change = session.undo()
            message = f"undone: back to {change.status}" if change else "nothing to undo"
            err.print(message, markup=False, highlight=False)
        elif answer in ANSWERS:
            session.decide(ANSWERS[answer])
        elif answer == "s":
            session.skip()
        else:
            err.print("answer c, f, x, i, s, u or q", markup=False, highlight=False)


def run_review(settings: Settings, selection: FindingFilter, show_values: bool, out: Console, err: Console,
               ask: Callable[[str], str] | None = None) -> int:
    """Walk the selected findings; `ask` reads one answer (the console by default)."""
    with open_store(settings, create=False) as store:
        session = ReviewSession(store, checked_filter(store, selection))
        if session.current is None:
            err.print("Nothing to review: no open findings match.", markup=False, highlight=False)
            return EXIT_OK
        _walk(session, ask or (lambda prompt: out.input(Text(prompt))), show_values, out, err)
    err.print(f"review: {session.summary()}", markup=False, highlight=False)
    return EXIT_OK
