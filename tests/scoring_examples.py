"""Small hand-made findings for the scorer and store tests (no detector involved), and the scorer over
findings held in memory that those tests compare the streaming scorer and the store's indexes with (the
profile of findings in memory is scanner.scoring.profile.profile_score: batch scores subjects with it)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from detectors.taxonomy import category_of
from scanner.models import DocumentInfo, DocumentKind, Finding, SourceSignals, Visibility
from scanner.redact import mask
from scanner.scoring.findings import ScoredFinding, Scorer
from scanner.selfprofile import SelfProfile

NOW = datetime(2026, 11, 23, tzinfo=UTC)


def make_finding(entity: str, value: str, *, document: str = "mastodon.example/@rowan/1",
                 visibility: Visibility = Visibility.PUBLIC, score: float = 0.85, first_person: bool = False,
                 source: str = "mastodon", url: str | None = None, created_at: datetime | None = None,
                 kind: DocumentKind = DocumentKind.POST, detector: str = "test",
                 metadata: dict[str, str] | None = None) -> Finding:
    info = DocumentInfo(id=document, source=source, kind=kind, url=url, created_at=created_at,
                        visibility=visibility, metadata=metadata or {})
    return Finding(document=info, entity=entity, category=category_of(entity), start=0, end=len(value),
                   score=score, detector=detector, reason="worked example",
                   snippet=f"… [{mask(value, entity)}] …", value=value, first_person=first_person)


def by_document(findings: Iterable[Finding]) -> list[list[Finding]]:
    """Findings grouped by document id, in order of each document's first finding."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.document.id, []).append(finding)
    return list(groups.values())


def score_findings(findings: Iterable[Finding], signals: Sequence[SourceSignals] = (),
                   profile: SelfProfile | None = None, key: bytes = b"",
                   now: datetime | None = None,
                   known_linked: frozenset[str] = frozenset()) -> list[ScoredFinding]:
    """Findings held in memory, scored and ranked by risk (then place).

    `known_linked`: entities earlier scans stored about the person, for combinations across scans.
    """
    scorer = Scorer(signals, profile, key, now)
    documents = by_document(findings)
    scored = list(scorer.score(documents, scorer.linked(documents, known_linked)))
    scored.sort(key=lambda s: (-s.risk.score, s.finding.document.id, s.finding.start))
    return scored
