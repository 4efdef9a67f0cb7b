"""Finishing a scan the same way for every scanning command (scan-files, archive, scan).

Score (with the source signals and the self profile) straight into the findings database, then print
the ranked findings from it as a table or the JSON contract, the skips and the summary, and say the
profile score on stderr. Findings stream from the scan's spool through the scorer into SQLite and back
out in risk order, so a scan of any size is finished in constant memory. With --no-store the database
is a temporary one in a private directory, removed at the end.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from scanner.commands.exits import EXIT_FINDINGS, EXIT_OK, EXIT_PARTIAL
from scanner.config import Settings, default_data_dir
from scanner.errors import ConfigError
from scanner.identity import load_or_create_key
from scanner.report.export import Record, stored_record, write_scan_json
from scanner.report.table import language_line, print_records, summary_line
from scanner.scoring.findings import ScoredFinding, Scorer
from scanner.scoring.levels import parse_level
from scanner.scoring.profile import profile_line
from scanner.selfprofile import SelfProfile
from scanner.store import DB_FILE, FindingFilter, Store, StoredFinding, database_path

if TYPE_CHECKING:  # the scan stack (spaCy, Presidio) stays unloaded for store-only commands
    from scanner.scan import ScanResult

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_PARTIAL", "ScanOptions", "render_scan"]

TRIAGE_KEYS = ("status", "note", "first_seen", "last_seen")
"""Record keys that only mean something in the person's own database, not in a --no-store scan's."""


@dataclass(frozen=True, slots=True)
class ScanOptions:
    """What every scanning command adds to --format/--show-values/--limit."""

    explain: bool = False
    """--explain: every risk with its factors."""
    store: bool = True
    """--no-store turns it off."""
    store_values: bool = False
    """--store-values: keep raw values in the database (off: masked form and keyed hash only)."""
    fail_on: str | None = None
    """--fail-on LEVEL: exit 1 when any finding is at or above it."""


@contextmanager
def scan_store(settings: Settings | None) -> Iterator[Store]:
    """The person's database, or (no settings: --no-store) a temporary one in a private directory."""
    if settings is not None:
        with Store(database_path(settings)) as store:
            yield store
        return
    with tempfile.TemporaryDirectory(prefix="exposure-") as folder, Store(Path(folder) / DB_FILE) as store:
        yield store


def remembered(scored: Iterable[ScoredFinding], values: dict[str, str]) -> Iterator[ScoredFinding]:
    """Pass findings through, keeping each raw value by fingerprint (only for --show-values)."""
    for item in scored:
        values.setdefault(item.fingerprint, item.finding.value)
        yield item


def render_scan(result: ScanResult, output_format: str, show_values: bool, limit: int | None,
                out: Console, err: Console, extra: dict[str, Any] | None = None, *,
                settings: Settings | None = None, options: ScanOptions | None = None,
                command: str = "scan", target: str = "") -> int:
    """Score, store, print; exit 1 at --fail-on, else 3 if anything was skipped, else 0.

    Without `settings` (the older call) there is no self profile and nothing is kept.
    """
    options = options or ScanOptions(store=False)
    try:
        fail_on = parse_level(options.fail_on) if options.fail_on else None
    except ValueError as error:
        raise ConfigError(f"--fail-on {options.fail_on}: use low, medium, high or critical") from error
    keep = settings if options.store else None
    scorer = Scorer(result.signals, SelfProfile.from_mapping(settings.me) if settings is not None else None,
                    load_or_create_key(default_data_dir()))
    values: dict[str, str] = {}
    with scan_store(keep) as store, result.findings:
        linked = scorer.linked(result.findings.documents(), store.linked_entities())
        scored = scorer.score(result.findings.documents(), linked)
        scan_id = store.save_scan(command, target, remembered(scored, values) if show_values else scored,
                                  result.signals, result.summary.documents, len(result.summary.skipped),
                                  options.store_values and keep is not None)
        store.raise_combinations(store.linked_entities())
        profile = store.profile(scan_id)
        store.record_profile(scan_id, profile)
        selection = FindingFilter(scan_id=scan_id)
        total = store.count(selection)

        def record(stored: StoredFinding) -> Record:
            item = stored_record(stored, show_values, options.explain)
            if show_values and item.get("value") is None:
                item["value"] = values.get(stored.fingerprint)
            if keep is None:
                for name in TRIAGE_KEYS:
                    item.pop(name, None)
            return item

        if output_format == "json":
            payload = {"profile": {"score": profile.score, "grade": profile.grade,
                                   "by_category": profile.by_category, "by_source": profile.by_source},
                       "scan_id": scan_id if keep is not None else None, **(extra or {})}
            write_scan_json(out.file, map(record, store.findings(selection)), result.summary, payload)
        else:
            shown = [record(stored) for stored in store.findings(replace(selection, limit=limit))]
            print_records(out, shown, show_values, limit, options.explain, total=total)
        failed = fail_on is not None and store.count(replace(selection, min_risk=fail_on.floor)) > 0
    for skip in result.summary.skipped:
        err.print(f"skipped {skip.where}: {skip.reason}", markup=False, highlight=False)
    err.print(summary_line(result.summary, total), markup=False, highlight=False)
    if languages := language_line(result.summary):
        err.print(languages, markup=False, highlight=False)
    stored_as = f"; stored as scan {scan_id}" if keep is not None else ""
    err.print(profile_line(profile) + stored_as, markup=False, highlight=False)
    if failed:
        return EXIT_FINDINGS
    return EXIT_PARTIAL if result.summary.skipped else EXIT_OK
