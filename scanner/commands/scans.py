"""`exposure scans`: what is stored, so a person can pick the two scans `diff` compares."""

from __future__ import annotations

from rich.console import Console

from scanner.commands.exits import EXIT_OK
from scanner.config import Settings
from scanner.report.scans_view import show_scans
from scanner.store import open_store


def run_scans(settings: Settings, output_format: str, out: Console, err: Console) -> int:
    with open_store(settings) as store:
        scans = store.scans()
    show_scans(out, scans, output_format)
    err.print(f"{len(scans)} scans stored", markup=False, highlight=False)
    return EXIT_OK
