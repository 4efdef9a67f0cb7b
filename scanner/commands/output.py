"""Finishing a scan the same way for every scanning command (scan-files, archive, scan).

Score (with the source signals and the self profile), store (unless --no-store), then print the ranked
findings as a table or the JSON contract, the skips and the summary; say the profile score on stderr.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.console import Console

from scanner.commands.exits import EXIT_FINDINGS, EXIT_OK, EXIT_PARTIAL
from scanner.config import Settings, default_data_dir
from scanner.errors import ConfigError
from scanner.identity import load_or_create_key
from scanner.report.export import scan_json, scored_record
from scanner.report.table import print_records, summary_line
from scanner.scoring.findings import ScoredFinding, score_findings
from scanner.scoring.levels import parse_level
from scanner.scoring.profile import Exposed, profile_line, profile_score
from scanner.selfprofile import SelfProfile
from scanner.store import Store, database_path

if TYPE_CHECKING:  # the scan stack (spaCy, Presidio) stays unloaded for store-only commands
    from scanner.scan import ScanResult

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_PARTIAL", "ScanOptions", "render_scan"]


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


def exposed(scored: list[ScoredFinding]) -> list[Exposed]:
    return [Exposed(f"{s.finding.entity}:{s.value_hash}", s.finding.category, s.finding.document.source,
                    s.risk.score) for s in scored]


def render_scan(result: ScanResult, output_format: str, show_values: bool, limit: int | None,
                out: Console, err: Console, extra: dict[str, Any] | None = None, *,
                settings: Settings | None = None, options: ScanOptions | None = None,
                command: str = "scan", target: str = "") -> int:
    """Score, store, print; exit 1 at --fail-on, else 3 if anything was skipped, else 0.

    Without `settings` (the older call) there is no self profile and nothing is stored.
    """
    options = options or ScanOptions(store=False)
    try:
        fail_on = parse_level(options.fail_on) if options.fail_on else None
    except ValueError as error:
        raise ConfigError(f"--fail-on {options.fail_on}: use low, medium, high or critical") from error
    profile_config = SelfProfile.from_mapping(settings.me) if settings is not None else SelfProfile()
    key = load_or_create_key(default_data_dir())
    scan_id: int | None = None
    if options.store and settings is not None:
        with Store(database_path(settings)) as store:
            known = store.linked_entities()
            scored = score_findings(result.findings, result.signals, profile_config, key, known_linked=known)
            profile = profile_score(exposed(scored))
            scan_id = store.save_scan(command, target, scored, result.signals, result.summary.documents,
                                      len(result.summary.skipped), options.store_values,
                                      (profile.score, profile.grade))
            store.raise_combinations(store.linked_entities())
    else:
        scored = score_findings(result.findings, result.signals, profile_config, key)
        profile = profile_score(exposed(scored))
    records = [scored_record(item, show_values, options.explain) for item in scored]
    if output_format == "json":
        payload = {"profile": {"score": profile.score, "grade": profile.grade,
                               "by_category": profile.by_category, "by_source": profile.by_source},
                   "scan_id": scan_id, **(extra or {})}
        text = scan_json(records, result.summary, payload)
        if out.is_terminal:
            out.print_json(text)
        else:
            print(text, file=out.file)
    else:
        print_records(out, records, show_values, limit, options.explain)
    for skip in result.summary.skipped:
        err.print(f"skipped {skip.where}: {skip.reason}", markup=False, highlight=False)
    err.print(summary_line(result.summary, len(scored)), markup=False, highlight=False)
    stored = f"; stored as scan {scan_id}" if scan_id is not None else ""
    err.print(profile_line(profile) + stored, markup=False, highlight=False)
    if fail_on is not None and any(item.risk.score >= fail_on.floor for item in scored):
        return EXIT_FINDINGS
    return EXIT_PARTIAL if result.summary.skipped else EXIT_OK
