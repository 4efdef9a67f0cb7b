"""Which two scans a plain `exposure diff` compares, and why.

Comparing scans of different sources (a Takeout, then a Bluesky profile) reports everything of the
first as "gone"; comparing with a scan that read nothing reports everything as "new". So the default
pair is the last scan that read something and the latest earlier scan of the same sources (same
command, same targets); when there is none, the last two, with a warning in the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from scanner.errors import UsageError
from scanner.store import ScanRecord


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two stored scans to diff, and why these two."""

    old: ScanRecord
    new: ScanRecord
    why: str


def comparable(scan: ScanRecord) -> bool:
    """A scan that read at least one document (older databases may hold ones that read nothing)."""
    return scan.documents > 0 or scan.findings > 0


def same_sources(a: ScanRecord, b: ScanRecord) -> bool:
    return (a.command, a.target) == (b.command, b.target)


def default_comparison(scans: list[ScanRecord]) -> Comparison:
    """The last scan that read something and the latest earlier one of the same sources."""
    kept = [scan for scan in scans if comparable(scan)]
    if len(kept) < 2:
        raise UsageError(f"diff needs two scans that read something; there are {len(kept)} "
                         f"(of {len(scans)} stored; see exposure scans)")
    new = kept[-1]
    for old in reversed(kept[:-1]):
        if same_sources(old, new):
            return Comparison(old, new, f"the last two scans of {new.command} {new.target}")
    return Comparison(kept[-2], new, f"no earlier scan of {new.command} {new.target}, so the last two "
                      "scans, which scanned different sources: 'gone' may only mean not scanned this time")


def chosen_comparison(scans: list[ScanRecord], old_id: int, new_id: int) -> Comparison:
    """The two scans asked for by id; an unknown id is a UsageError naming the stored ones."""
    by_id = {scan.id: scan for scan in scans}
    for scan_id in (old_id, new_id):
        if scan_id not in by_id:
            ids = ", ".join(str(scan.id) for scan in scans) or "none"
            raise UsageError(f"no scan with id {scan_id}; stored scans: {ids} (see exposure scans)")
    old, new = by_id[old_id], by_id[new_id]
    why = "as asked" if same_sources(old, new) else "as asked (they scanned different sources)"
    return Comparison(old, new, why)
