"""Machine-readable outputs. The shapes here are contracts: extend them, never break them.

A finding becomes one flat record (a dict) whatever it came from: a bare detection (`finding_record`)
or a scored finding (`scored_record`), read back from the database (`stored_record`, where every scan's
findings land) or scored in memory for one batch subject (scanner.batch.subject); their keys are written
once (`found_record`), from the facts of report.facts. Every view (JSON, JSON
lines, CSV, Markdown, the terminal table) and the batch's ledger and Parquet dataset render these records,
so the formats cannot drift apart.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import IO, TYPE_CHECKING, Any

from scanner.models import Finding
from scanner.redact import mask
from scanner.report.facts import FindingFacts, FoundFacts, ScoredFacts
from scanner.scoring.levels import Factor

if TYPE_CHECKING:  # the scan stack stays unloaded for store-only commands, the store for detect
    from scanner.scan import ScanSummary
    from scanner.store import StoredFinding

Record = dict[str, Any]
_FINDINGS_MARK = "\u0000findings\u0000"
"""Stands in for the findings list in the scan contract's JSON until the records are written there."""


@dataclass(frozen=True, slots=True)
class Listing:
    """Stored findings as a view receives them: the records (streamed), how many match, what to show."""

    records: Iterable[Record]
    total: int
    show_values: bool = False
    explain: bool = False


def found_record(found: FoundFacts) -> Record:
    """The keys every finding record starts with: the one place they are written (report.facts)."""
    return {
        "document_id": found.document_id,
        "document_kind": found.kind.value,
        "source": found.source,
        "created_at": found.created_at,
        "entity": found.entity,
        "category": found.category,
        "score": found.score,
        "detector": found.detector,
        "value_redacted": found.value_masked,
        "reason": found.reason,
        "snippet": found.snippet,
        "visibility": found.visibility.value,
        "url": found.url,
        "first_person": found.first_person,
        "third_party": found.third_party,
        "subject": found.subject,
        "mention": found.mention,
    }


def scored_record(found: ScoredFacts) -> Record:
    """A scored finding as `archive --no-store --format json` lists it, for the scanning commands (read
    back from the database) and the batch (scored in memory) alike."""
    record = found_record(found)
    record.update(risk=found.risk, level=found.level, about_me=found.about_me, fingerprint=found.fingerprint)
    return record


def finding_record(finding: Finding, show_values: bool = False) -> Record:
    """One finding in the scan JSON contract (plus explanatory extras)."""
    record = found_record(FindingFacts(finding, mask(finding.value, finding.entity)))
    if show_values:
        record["value"] = finding.value
    return record


def factors_text(record: Record, separator: str = "; ") -> str:
    """The factors of a record (--explain) on one line: name ×value (why); ..."""
    return separator.join(f"{f['name']} ×{f['value']:.2f} ({f['why']})" for f in record.get("factors", ()))


def _factors(factors: Iterable[Factor]) -> list[dict[str, Any]]:
    return [asdict(factor) for factor in factors]


def stored_record(stored: StoredFinding, show_values: bool = False, explain: bool = False) -> Record:
    """A finding from the database in the same shape, plus its triage status and when it was seen."""
    record = scored_record(stored)
    record.update(status=stored.status, note=stored.note, first_seen=stored.first_seen,
                  last_seen=stored.last_seen)
    if show_values:
        record["value"] = stored.value
    if explain:
        record["factors"] = _factors(stored.factors)
    return record


def write_scan_json(file: IO[str], records: Iterable[Record], summary: ScanSummary,
                    extra: dict[str, Any] | None = None) -> None:
    """The scan contract: {"documents": {...}, "findings": [...], "skipped": [...]} (plus extras).

    Written record by record as the records come, so the findings of a large scan are never all in
    memory; the text is the same as json.dumps(payload, indent=2) would give.
    """
    payload: dict[str, Any] = {
        "documents": {
            "total": summary.documents,
            "by_kind": dict(sorted(summary.by_kind.items())),
            "by_year": dict(sorted(summary.by_year.items())),
            "by_source": dict(sorted(summary.by_source.items())),
            "by_language": dict(sorted(summary.by_language.items())),
            "detectors_by_language": summary.detectors_by_language(),
        },
        "findings": _FINDINGS_MARK,
        "findings_by_category": dict(sorted(summary.findings_by_category.items())),
        "skipped": [{"where": skip.where, "reason": skip.reason} for skip in summary.skipped],
    }
    if summary.skipped.beyond:
        payload["skipped_beyond_cap"] = {"total": len(summary.skipped) - len(summary.skipped.shown),
                                         "by_reason": dict(summary.skipped.beyond.most_common())}
    if extra:
        payload.update({key: value for key, value in extra.items() if key != "findings"})
    head, tail = json.dumps(payload, ensure_ascii=False, indent=2).split(json.dumps(_FINDINGS_MARK), 1)
    file.write(head + "[")
    separator = "\n"
    for record in records:
        file.write(separator + textwrap.indent(json.dumps(record, ensure_ascii=False, indent=2), "    "))
        separator = ",\n"
    file.write("]" + tail + "\n" if separator == "\n" else "\n  ]" + tail + "\n")


def records_json(records: Iterable[Record], extra: dict[str, Any] | None = None) -> str:
    """`findings --format json`: {"findings": [...], ...extra}."""
    payload: dict[str, Any] = {"findings": list(records)}
    if extra:
        payload.update(extra)
    return json.dumps(payload, ensure_ascii=False, indent=2)


def record_line(record: Record) -> str:
    """One line of `findings --format jsonl`."""
    return json.dumps(record, ensure_ascii=False)


def write_listing_json(listing: Listing, stream: IO[str]) -> None:
    """`findings --format json`."""
    print(records_json(listing.records, {"total": listing.total}), file=stream)


def write_listing_lines(listing: Listing, stream: IO[str]) -> None:
    """`findings --format jsonl`."""
    for record in listing.records:
        print(record_line(record), file=stream)


def detect_line(document_id: str, finding: Finding, show_values: bool = False) -> str:
    """One line of `detect --format jsonl`: {"id", "entity", "start", "end", "score", "detector"}."""
    record: Record = {
        "id": document_id,
        "entity": finding.entity,
        "start": finding.start,
        "end": finding.end,
        "score": finding.score,
        "detector": finding.detector,
    }
    if show_values:
        record["value"] = finding.value
    return json.dumps(record, ensure_ascii=False)
