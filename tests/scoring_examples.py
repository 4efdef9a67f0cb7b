"""Small hand-made findings for the scorer and store tests (no detector involved)."""

from __future__ import annotations

from datetime import UTC, datetime

from detectors.taxonomy import category_of
from scanner.models import DocumentInfo, DocumentKind, Finding, Visibility
from scanner.redact import mask

NOW = datetime(2026, 11, 23, tzinfo=UTC)


def make_finding(entity: str, value: str, *, document: str = "mastodon.example/@rowan/1",
                 visibility: Visibility = Visibility.PUBLIC, score: float = 0.85, first_person: bool = False,
                 source: str = "mastodon", url: str | None = None, created_at: datetime | None = None,
                 kind: DocumentKind = DocumentKind.POST) -> Finding:
    info = DocumentInfo(id=document, source=source, kind=kind, url=url, created_at=created_at,
                        visibility=visibility)
    return Finding(document=info, entity=entity, category=category_of(entity), start=0, end=len(value),
                   score=score, detector="test", reason="worked example",
                   snippet=f"… [{mask(value, entity)}] …", value=value, first_person=first_person)
