"""Scoring a scan's findings: base risk per finding, then combinations, then the stable identity."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from scanner.identity import fingerprint, value_hash
from scanner.models import Finding, SourceSignals
from scanner.scoring.combination import Candidate, combine
from scanner.scoring.levels import Risk
from scanner.scoring.risk import finding_risk
from scanner.scoring.signals import signals_for
from scanner.selfprofile import SelfProfile


@dataclass(frozen=True, slots=True)
class ScoredFinding:
    """A finding with its risk and its stable identity."""

    finding: Finding
    risk: Risk
    about_me: bool
    value_hash: str
    """Keyed hash of the normalised value (never the value)."""
    fingerprint: str


def score_findings(findings: Iterable[Finding], signals: Sequence[SourceSignals] = (),
                   profile: SelfProfile | None = None, key: bytes = b"",
                   now: datetime | None = None,
                   known_linked: frozenset[str] = frozenset()) -> list[ScoredFinding]:
    """Every finding scored, combinations applied, ranked by risk (then place).

    `known_linked`: entities earlier scans stored about the person, for combinations across scans.
    """
    profile = profile or SelfProfile()
    by_key = {signal.key.lower(): signal for signal in signals}
    candidates = []
    for found in findings:
        finding = profile.promoted(found)
        about_me = profile.about_me(finding)
        source = signals_for(finding.document.url, finding.document.source, by_key)
        risk = finding_risk(finding, about_me, source, now)
        candidates.append(Candidate(finding, about_me, risk))
    scored = []
    for candidate, risk in zip(candidates, combine(candidates, known_linked), strict=True):
        finding = candidate.finding
        hashed = value_hash(finding.value, finding.entity, key)
        scored.append(ScoredFinding(finding, risk, candidate.about_me, hashed,
                                    fingerprint(finding.document.id, finding.entity, hashed)))
    scored.sort(key=lambda s: (-s.risk.score, s.finding.document.id, s.finding.start))
    return scored

