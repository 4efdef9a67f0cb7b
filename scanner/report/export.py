"""Machine-readable outputs. The shapes here are contracts: extend them, never break them.

A finding becomes one flat record (a dict) whatever it came from: a fresh scan (`scored_record`) or the
database (`stored_record`). Every view (JSON, JSON lines, CSV, Markdown, the terminal table) renders
these records, so the formats cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from scanner.models import Finding
from scanner.redact import mask
from scanner.scoring.levels import Factor
from scanner.store import StoredFinding

if TYPE_CHECKING:  # the scan stack (spaCy, Presidio) stays unloaded for store-only commands
    from scanner.scan import ScanSummary
    from scanner.scoring.findings import ScoredFinding

Record = dict[str, Any]


def finding_record(finding: Finding, show_values: bool = False) -> Record:
    """One finding in the scan JSON contract (plus explanatory extras)."""
    document = finding.document
    record: Record = {
        "document_id": document.id,
        "document_kind": document.kind.value,
        "source": document.source,
        "created_at": document.created_at.isoformat() if document.created_at else None,
        "entity": finding.entity,
        "category": finding.category,
        "score": finding.score,
        "detector": finding.detector,
        "value_redacted": mask(finding.value, finding.entity),
        "reason": finding.reason,
        "snippet": finding.snippet,
        "visibility": document.visibility.value,
        "url": document.url,
        "first_person": finding.first_person,
    }
    if show_values:
        record["value"] = finding.value
    return record


def factors_text(record: Record, separator: str = "; ") -> str:
    """The factors of a record (--explain) on one line: name ×value (why); ..."""
    return separator.join(f"{f['name']} ×{f['value']:.2f} ({f['why']})" for f in record.get("factors", ()))


def _factors(factors: Iterable[Factor]) -> list[dict[str, Any]]:
    return [asdict(factor) for factor in factors]


def scored_record(scored: ScoredFinding, show_values: bool = False, explain: bool = False) -> Record:
    """A scan's finding with its risk: the contract keys plus risk, level, about_me, fingerprint (factors)."""
    record = finding_record(scored.finding, show_values)
    record.update(risk=scored.risk.score, level=scored.risk.level.value, about_me=scored.about_me,
                  fingerprint=scored.fingerprint)
    if explain:
        record["factors"] = _factors(scored.risk.factors)
    return record


def stored_record(stored: StoredFinding, show_values: bool = False, explain: bool = False) -> Record:
    """A finding from the database in the same shape, plus its triage status and when it was seen."""
    record: Record = {
        "document_id": stored.document_id,
        "document_kind": stored.kind.value,
        "source": stored.source,
        "created_at": stored.created_at,
        "entity": stored.entity,
        "category": stored.category,
        "score": stored.score,
        "detector": stored.detector,
        "value_redacted": stored.value_masked,
        "reason": stored.reason,
        "snippet": stored.snippet,
        "visibility": stored.visibility.value,
        "url": stored.url,
        "first_person": stored.first_person,
        "risk": stored.risk,
        "level": stored.level,
        "about_me": stored.about_me,
        "fingerprint": stored.fingerprint,
        "status": stored.status,
        "note": stored.note,
        "first_seen": stored.first_seen,
        "last_seen": stored.last_seen,
    }
    if show_values:
        record["value"] = stored.value
    if explain:
        record["factors"] = _factors(stored.factors)
    return record


def scan_json(records: Sequence[Record], summary: ScanSummary, extra: dict[str, Any] | None = None) -> str:
    """The scan contract: {"documents": {...}, "findings": [...], "skipped": [...]} (plus extras)."""
    payload: dict[str, Any] = {
        "documents": {
            "total": summary.documents,
            "by_kind": dict(sorted(summary.by_kind.items())),
            "by_year": dict(sorted(summary.by_year.items())),
            "by_source": dict(sorted(summary.by_source.items())),
        },
        "findings": list(records),
        "findings_by_category": dict(sorted(summary.findings_by_category.items())),
        "skipped": [{"where": skip.where, "reason": skip.reason} for skip in summary.skipped],
    }
    if extra:
        payload.update(extra)
    return json.dumps(payload, ensure_ascii=False, indent=2)


def records_json(records: Iterable[Record], extra: dict[str, Any] | None = None) -> str:
    """`findings --format json`: {"findings": [...], ...extra}."""
    payload: dict[str, Any] = {"findings": list(records)}
    if extra:
        payload.update(extra)
    return json.dumps(payload, ensure_ascii=False, indent=2)


def record_line(record: Record) -> str:
    """One line of `findings --format jsonl`."""
    return json.dumps(record, ensure_ascii=False)


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
