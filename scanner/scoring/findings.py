"""Scoring a scan's findings: base risk per finding, then combinations, then the stable identity.

A scan's findings arrive grouped by document (scanner.spool) and are read twice: once to learn which
entities are about the person anywhere in the scan (combinations across sources need all of them),
then document by document to score. Nothing but that small set of entity names is held in between,
so an archive of any size is scored in constant memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from scanner.identity import fingerprint, value_hash
from scanner.models import Finding, SourceSignals
from scanner.scoring.combination import Candidate, combine
from scanner.scoring.levels import Risk
from scanner.scoring.owner import first_person, owners_field, third_party
from scanner.scoring.risk import finding_risk
from scanner.scoring.signals import signals_for
from scanner.selfprofile import SelfProfile


@dataclass(frozen=True, slots=True)
class ScoredFinding:
    """A finding with its risk and its stable identity."""

    finding: Finding
    risk: Risk
    about_me: bool
    """About the owner: matches the self profile or is stated in the account's own files (scoring.owner)."""
    value_hash: str
    """Keyed hash of the normalised value (never the value)."""
    fingerprint: str
    first_person: bool = False
    """Disclosed by the writer about themselves (scoring.owner.first_person), as the store keeps it."""
    third_party: str | None = None
    """What kind of other people's data the finding's document holds (scoring.owner.third_party)."""


class Scorer:
    """Scores one scan's documents against its source signals, the self profile and the hash key."""

    def __init__(self, signals: Sequence[SourceSignals] = (), profile: SelfProfile | None = None,
                 key: bytes = b"", now: datetime | None = None) -> None:
        self.profile = profile or SelfProfile()
        self.by_key = {signal.key.lower(): signal for signal in signals}
        self.key = key
        self.now = now or datetime.now(UTC)

    def candidate(self, found: Finding) -> Candidate:
        """A finding with its base risk, before combinations (batch scores findings sealed on workers)."""
        finding = self.profile.promoted(found)
        about_me = self.profile.about_me(finding) or owners_field(finding)
        source = signals_for(finding.document.url, finding.document.source, self.by_key)
        return Candidate(finding, about_me, finding_risk(finding, about_me, source, self.now))

    def linked(self, documents: Iterable[Sequence[Finding]],
               known: frozenset[str] = frozenset()) -> frozenset[str]:
        """Entities about the person (self profile or first person) in these documents, plus `known`."""
        linked = set(known)
        for document in documents:
            for found in document:
                finding = self.profile.promoted(found)
                if first_person(finding) or self.profile.about_me(finding) or owners_field(finding):
                    linked.add(finding.entity)
        return frozenset(linked)

    def score(self, documents: Iterable[Sequence[Finding]],
              linked: frozenset[str]) -> Iterator[ScoredFinding]:
        """Each document's findings scored, in the order given (not ranked)."""
        for document in documents:
            candidates = [self.candidate(found) for found in document]
            for candidate, risk in zip(candidates, combine(candidates, linked), strict=True):
                finding = candidate.finding
                hashed = value_hash(finding.value, finding.entity, self.key)
                yield ScoredFinding(finding, risk, candidate.about_me, hashed,
                                    fingerprint(finding.document.id, finding.entity, hashed),
                                    first_person(finding), third_party(finding.document))
