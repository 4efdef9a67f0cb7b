"""Recording a scan: score its findings, save them, raise combinations, settle the plan items marked
done (scanner.actions.verify), compute and keep the profile.

Every scanning command (scan-files, archive, scan) finishes through `record_scan`, so what is stored
and what a view reads back is the same whatever the source. Findings stream from the scan's spool
through the scorer into SQLite and back out in risk order, so a scan of any size is recorded in
constant memory. With --no-store (`ScanOptions.store` off) the database is a temporary one in a
private directory, removed when the view is done with it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from scanner.actions.verify import verify_marks
from scanner.config import Settings, default_data_dir
from scanner.errors import ConfigError, StoredThenInterrupted
from scanner.identity import load_or_create_key
from scanner.report.export import Record, stored_record
from scanner.scoring.findings import ScoredFinding, Scorer
from scanner.scoring.levels import Level, parse_level
from scanner.scoring.profile import ProfileScore
from scanner.scoring.stored import raise_combinations, stored_profile
from scanner.selfprofile import SelfProfile
from scanner.store import DB_FILE, FindingFilter, Store, database_path, open_store, refuse_foreign_database

if TYPE_CHECKING:  # the scan stack (spaCy, Presidio) stays unloaded for store-only commands
    from scanner.scan import ScanResult

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

    def fail_level(self) -> Level | None:
        """--fail-on as a level; a ConfigError names the option when it is not one."""
        try:
            return parse_level(self.fail_on) if self.fail_on else None
        except ValueError as error:
            raise ConfigError(f"--fail-on {self.fail_on}: use low, medium, high or critical") from error


@dataclass
class RecordedScan:
    """A scan as recorded: its id (None when not kept), profile, and its findings read back as records."""

    store: Store
    scan_id: int
    kept: bool
    """False with --no-store or when nothing was scanned: the database is temporary and triage keys
    mean nothing."""
    profile: ProfileScore
    total: int
    failed: bool
    """Some finding is at or above --fail-on."""
    show_values: bool
    explain: bool
    values: dict[str, str] = field(default_factory=dict)
    """Raw values by fingerprint, kept in memory only for --show-values."""

    @property
    def stored_id(self) -> int | None:
        return self.scan_id if self.kept else None

    def records(self, limit: int | None = None) -> Iterator[Record]:
        """The scan's findings, riskiest first, as records for a view."""
        for stored in self.store.findings(FindingFilter(scan_id=self.scan_id, limit=limit)):
            item = stored_record(stored, self.show_values, self.explain)
            if self.show_values and item.get("value") is None:
                item["value"] = self.values.get(stored.fingerprint)
            if not self.kept:
                for name in TRIAGE_KEYS:
                    item.pop(name, None)
            yield item


def check_database(settings: Settings, options: ScanOptions | None) -> None:
    """Refuse a --db that is not a findings database before the scan, not after minutes of scanning."""
    if options is None or options.store:
        refuse_foreign_database(database_path(settings))


def scanned(result: ScanResult) -> bool:
    """Did the scan read anything? One that read no document (a missing page, an empty folder) is not
    kept: stored, it would look like a clean result and become the pair a plain `diff` compares."""
    return result.summary.documents > 0


@contextmanager
def scan_store(settings: Settings, keep: bool) -> Iterator[Store]:
    """The person's database, or (not kept: --no-store) a temporary one in a private directory."""
    if keep:
        with open_store(settings) as store:
            yield store
        return
    with tempfile.TemporaryDirectory(prefix="exposure-") as folder, Store(Path(folder) / DB_FILE) as store:
        yield store


def _remembered(scored: Iterable[ScoredFinding], values: dict[str, str]) -> Iterator[ScoredFinding]:
    """Pass findings through, keeping each raw value by fingerprint (only for --show-values)."""
    for item in scored:
        values.setdefault(item.fingerprint, item.finding.value)
        yield item


@contextmanager
def record_scan(result: ScanResult, settings: Settings, options: ScanOptions, command: str, target: str,
                show_values: bool = False) -> Iterator[RecordedScan]:
    """Score, save, combine and profile a scan; the store stays open while the caller reads it back."""
    fail_on = options.fail_level()
    key = load_or_create_key(default_data_dir())
    scorer = Scorer(result.signals, SelfProfile.from_mapping(settings.me), key)
    values: dict[str, str] = {}
    keep = options.store and scanned(result)
    with scan_store(settings, keep) as store, result.findings:
        linked = scorer.linked(result.findings.documents(), store.linked_entities())
        scored = scorer.score(result.findings.documents(), linked)
        scan_id = store.save_scan(command, target, _remembered(scored, values) if show_values else scored,
                                  result.signals, result.summary.documents, len(result.summary.skipped),
                                  options.store_values and keep)
        try:
            raise_combinations(store, store.linked_entities())
            verify_marks(store)  # items marked done: gone, or reopened before profiling
            profile = stored_profile(store, scan_id)
            store.record_profile(scan_id, profile.score, profile.grade)
            selection = FindingFilter(scan_id=scan_id)
            failed = fail_on is not None and store.count(replace(selection, min_risk=fail_on.floor)) > 0
            yield RecordedScan(store, scan_id, keep, profile, store.count(selection), failed,
                               show_values, options.explain, values)
        except KeyboardInterrupt as interrupt:
            if keep:
                raise StoredThenInterrupted(scan_id) from interrupt
            raise
