"""`exposure review`: one pass through the open findings, highest risk first, deciding each.

Decisions go to the store at once (an interrupted review loses nothing) and carry over to later
scans; `u` takes the last one back. Answers are read line by line, so the review can also be
driven from a script or a pipe.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from rich.console import Console

from scanner.commands.exits import EXIT_OK
from scanner.config import Settings
from scanner.report.panel import finding_panel
from scanner.store import FindingFilter, open_store

ANSWERS = {"c": "confirmed", "f": "false-positive", "x": "fixed", "i": "ignored"}
PROMPT = "[c]onfirm  [f]alse positive  fi[x]ed  [i]gnore  [s]kip  [u]ndo  [q]uit > "


def run_review(settings: Settings, selection: FindingFilter, show_values: bool, out: Console, err: Console,
               ask: Callable[[str], str] | None = None) -> int:
    """Walk the selected findings; `ask` reads one answer (the console by default)."""
    read = ask or (lambda prompt: out.input(prompt))
    decided: Counter[str] = Counter()
    with open_store(settings) as store:
        queue = list(store.findings(selection))
        if not queue:
            err.print("Nothing to review: no open findings match.", markup=False, highlight=False)
            return EXIT_OK
        history: list[int] = []
        index = 0
        while index < len(queue):
            out.print(finding_panel(queue[index], index + 1, len(queue), show_values))
            try:
                answer = read(PROMPT).strip().lower()[:1]
            except EOFError:
                break
            if answer == "q":
                break
            if answer == "u":
                change = store.undo_last()
                if change is None or not history:
                    err.print("nothing to undo", markup=False, highlight=False)
                    continue
                decided[change.previous] -= 1
                index = history.pop()
                err.print(f"undone: back to {change.status}", markup=False, highlight=False)
                continue
            if answer in ANSWERS:
                change = store.set_status(queue[index].fingerprint, ANSWERS[answer])
                decided[change.status] += 1
                history.append(index)
            elif answer != "s":
                err.print("answer c, f, x, i, s, u or q", markup=False, highlight=False)
                continue
            index += 1
    summary = ", ".join(f"{count} {status}" for status, count in decided.items() if count > 0)
    err.print(f"review: {summary or 'no decisions'}", markup=False, highlight=False)
    return EXIT_OK
