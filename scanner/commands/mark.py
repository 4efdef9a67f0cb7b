"""`exposure mark ID STATUS`: record a triage decision; it carries over to every later scan."""

from __future__ import annotations

from rich.console import Console

from scanner.commands.exits import EXIT_OK
from scanner.config import Settings
from scanner.store import open_store


def run_mark(settings: Settings, finding_id: str, status: str, note: str | None, err: Console) -> int:
    with open_store(settings) as store:
        change = store.set_status(finding_id, status, note)
        found = store.finding(change.fingerprint)
    err.print(f"{change.fingerprint[:12]} {found.entity} {found.value_masked} in {found.document_id}: "
              f"{change.previous} -> {change.status}", markup=False, highlight=False)
    return EXIT_OK
