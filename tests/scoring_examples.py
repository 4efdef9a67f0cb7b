"""Small hand-made findings for the scorer and store tests (no detector involved), and the model over
findings held in memory that those tests compare the streaming scorer and the store's indexes with."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from detectors.taxonomy import category_of
from scanner.models import DocumentInfo, DocumentKind, Exposed, Finding, SourceSignals, Visibility
from scanner.redact import mask
from scanner.scoring.findings import ScoredFinding, Scorer
from scanner.scoring.profile import ProfileScore, profile_from_tops
from scanner.selfprofile import SelfProfile

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


def _distinct(items: Iterable[Exposed]) -> dict[str, float]:
    best: dict[str, float] = {}
    for item in items:
        if item.risk > best.get(item.value_key, -1.0):
            best[item.value_key] = item.risk
    return best


def profile_score(items: Iterable[Exposed]) -> ProfileScore:
    """The score of findings in memory (a scan); the store computes the same from its indexes."""
    all_items = list(items)
    by_category: dict[str, list[Exposed]] = defaultdict(list)
    by_source: dict[str, list[Exposed]] = defaultdict(list)
    for item in all_items:
        by_category[item.category].append(item)
        by_source[item.source].append(item)
    distinct = _distinct(all_items)
    return profile_from_tops(
        distinct.values(),
        {name: list(_distinct(group).values()) for name, group in by_category.items()},
        {name: list(_distinct(group).values()) for name, group in by_source.items()},
        len(distinct))
