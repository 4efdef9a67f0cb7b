"""Machine-readable outputs. The shapes here are contracts: extend them, never break them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from scanner.models import Finding
from scanner.redact import mask
from scanner.scan import ScanSummary


def finding_record(finding: Finding, show_values: bool = False) -> dict[str, Any]:
    """One finding in the scan JSON contract (plus explanatory extras)."""
    document = finding.document
    record: dict[str, Any] = {
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


def scan_json(findings: Iterable[Finding], summary: ScanSummary, show_values: bool = False,
              extra: dict[str, Any] | None = None) -> str:
    """The scan contract: {"documents": {...}, "findings": [...], "skipped": [...]} (plus extras)."""
    payload: dict[str, Any] = {
        "documents": {
            "total": summary.documents,
            "by_kind": dict(sorted(summary.by_kind.items())),
            "by_year": dict(sorted(summary.by_year.items())),
            "by_source": dict(sorted(summary.by_source.items())),
        },
        "findings": [finding_record(finding, show_values) for finding in findings],
        "findings_by_category": dict(sorted(summary.findings_by_category.items())),
        "skipped": [{"where": skip.where, "reason": skip.reason} for skip in summary.skipped],
    }
    if extra:
        payload.update(extra)
    return json.dumps(payload, ensure_ascii=False, indent=2)


def detect_line(document_id: str, finding: Finding, show_values: bool = False) -> str:
    """One line of `detect --format jsonl`: {"id", "entity", "start", "end", "score", "detector"}."""
    record: dict[str, Any] = {
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
