"""One subject's units scored as one person, never across subjects.

The same steps as a sequential `exposure archive` of the subject's exports into a fresh database:
entities about the person across all their documents complete combinations, each document's findings
are scored and combined, a fingerprint seen twice keeps its riskiest finding (the store's upsert), and
the profile score is the formula over what is kept. No self profile: the `[me]` of whoever runs the
batch is not the subject.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from scanner.batch.sealed import SealedFinding, UnitResult
from scanner.models import Exposed, Skipped
from scanner.policies import platform_signals
from scanner.report.export import scored_record
from scanner.report.facts import FindingFacts
from scanner.scoring.combination import Candidate, combine
from scanner.scoring.findings import Scorer
from scanner.scoring.levels import Risk
from scanner.scoring.profile import ProfileScore, profile_score

Record = dict[str, Any]
"""A finding in the JSON contract of `archive --format json` (report.export.scored_record), plus its
keyed `value_hash`; the sink adds the subject's id."""


@dataclass
class SubjectResult:
    """Everything kept of one subject: redacted, scored records and the summary row."""

    subject: str
    records: list[Record]
    profile: ProfileScore
    documents: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    by_category: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class ScoredSeal(FindingFacts):
    """A sealed finding as scored for its subject, read the way the JSON contract reads a stored finding
    (report.facts.ScoredFacts). Its `finding` is as the scorer saw it, with an empty (sealed) value."""

    assessed: Risk
    about_me: bool
    fingerprint: str

    @property
    def risk(self) -> float:
        return self.assessed.score

    @property
    def level(self) -> str:
        return self.assessed.level.value


def _record(sealed: SealedFinding, candidate: Candidate, risk: Risk) -> Record:
    record = scored_record(ScoredSeal(candidate.finding, sealed.value_masked, risk, candidate.about_me,
                                      sealed.fingerprint))
    record["value_hash"] = sealed.value_hash
    return record


def score_subject(subject: str, units: Iterable[UnitResult], now: datetime | None = None) -> SubjectResult:
    """The subject's records ranked by risk, its profile and its summary row."""
    results = sorted(units, key=lambda result: result.unit.part)
    documents = [document for result in results for document in result.documents]
    sources = sorted({source for result in results for source in result.summary.by_source})
    scorer = Scorer(platform_signals(sources), None, b"", now or datetime.now(UTC))
    linked = scorer.linked([sealed.finding for sealed in document] for document in documents)
    kept: dict[str, Record] = {}
    for document in documents:
        candidates = [scorer.candidate(sealed.finding) for sealed in document]
        for sealed, candidate, risk in zip(document, candidates, combine(candidates, linked), strict=True):
            known = kept.get(sealed.fingerprint)
            if known is None or risk.score > known["risk"]:
                kept[sealed.fingerprint] = _record(sealed, candidate, risk)
    records = sorted(kept.values(), key=lambda record: -record["risk"])
    profile = profile_score(Exposed(f"{r['entity']}:{r['value_hash']}", r["category"], r["source"], r["risk"])
                            for r in records)
    return SubjectResult(
        subject, records, profile,
        documents=sum(result.summary.documents for result in results),
        skipped=[skip for result in results for skip in result.summary.skipped],
        by_category=dict(Counter(record["category"] for record in records).most_common()),
        seconds=sum(result.seconds for result in results))
