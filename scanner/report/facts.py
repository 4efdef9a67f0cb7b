"""What a finding tells the JSON contract, whatever holds it: the database or memory.

The contract's record (report.export) is written from these facts in one place. A stored finding
(scanner.store.StoredFinding) has them as fields; a finding in memory, a bare detection or one scored for
a batch subject (scanner.batch.subject), is read through `FindingFacts`, which decides whose data it is by
the rules the scorer and the store use (scoring.owner), so a record cannot depend on where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from scanner.models import DocumentKind, Finding, Visibility
from scanner.scoring.owner import first_person, third_party


class FoundFacts(Protocol):
    """Where a finding is, what it is and whose data it is: the record of a bare detection."""

    @property
    def document_id(self) -> str: ...
    @property
    def kind(self) -> DocumentKind: ...
    @property
    def source(self) -> str: ...
    @property
    def created_at(self) -> str | None: ...
    @property
    def entity(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def detector(self) -> str: ...
    @property
    def value_masked(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def snippet(self) -> str: ...
    @property
    def visibility(self) -> Visibility: ...
    @property
    def url(self) -> str | None: ...
    @property
    def first_person(self) -> bool: ...
    @property
    def third_party(self) -> str | None: ...
    @property
    def subject(self) -> str | None: ...
    @property
    def mention(self) -> bool: ...


class ScoredFacts(FoundFacts, Protocol):
    """A scored finding: its risk and its stable identity too, as `archive --format json` lists it."""

    @property
    def risk(self) -> float: ...
    @property
    def level(self) -> str: ...
    @property
    def about_me(self) -> bool: ...
    @property
    def fingerprint(self) -> str: ...


@dataclass(frozen=True, slots=True)
class FindingFacts:
    """A finding in memory read as a stored one is (FoundFacts)."""

    finding: Finding
    value_masked: str
    """Masked (scanner.redact.mask): a record holds the raw value only when asked (`value`)."""

    @property
    def document_id(self) -> str:
        return self.finding.document.id

    @property
    def kind(self) -> DocumentKind:
        return self.finding.document.kind

    @property
    def source(self) -> str:
        return self.finding.document.source

    @property
    def created_at(self) -> str | None:
        created = self.finding.document.created_at
        return created.isoformat() if created else None

    @property
    def entity(self) -> str:
        return self.finding.entity

    @property
    def category(self) -> str:
        return self.finding.category

    @property
    def score(self) -> float:
        return self.finding.score

    @property
    def detector(self) -> str:
        return self.finding.detector

    @property
    def reason(self) -> str:
        return self.finding.reason

    @property
    def snippet(self) -> str:
        return self.finding.snippet

    @property
    def visibility(self) -> Visibility:
        return self.finding.document.visibility

    @property
    def url(self) -> str | None:
        return self.finding.document.url

    @property
    def first_person(self) -> bool:
        return first_person(self.finding)

    @property
    def third_party(self) -> str | None:
        return third_party(self.finding.document)

    @property
    def subject(self) -> str | None:
        return self.finding.subject

    @property
    def mention(self) -> bool:
        return self.finding.mention
