"""What a detector reports, and how overlapping reports of different entities are settled.

Presidio drops duplicates of one entity but keeps overlapping spans of different entities: a date of
birth is also a DATE_TIME, an email contains a URL. A person reading the findings wants the specific
one, so where spans overlap the more specific entity wins, then the higher score.
"""

from __future__ import annotations

from dataclasses import dataclass

from detectors.taxonomy import needs_subject


@dataclass(frozen=True, slots=True)
class Span:
    """A detected entity in a text, with who found it and why."""

    entity: str
    start: int
    end: int
    score: float
    detector: str
    reason: str
    first_person: bool = False
    subject: str | None = None
    """Whose attribute it is ('self', 'named', 'relative'; detectors.subject), for statement entities."""

    @property
    def is_mention(self) -> bool:
        """A sensitive term no one is said to have: a topic, not personal data (detectors.subject)."""
        return self.subject is None and needs_subject(self.entity)


GENERIC_ENTITIES: dict[str, int] = {
    "DATE_TIME": 0,
    "NRP": 0,
    "URL": 1,
    "ORGANIZATION": 1,
    "LOCATION": 2,
    "PERSON": 2,
    "USERNAME": 2,
    "AGE": 3,
    "POSTAL_CODE": 3,
    "US_DRIVER_LICENSE": 1,
    "US_BANK_NUMBER": 1,
    "US_PASSPORT": 1,
}
"""Entities that yield to an overlapping, more specific one; lower yields first. Unlisted: 5."""


YIELDS_AT_EQUAL_SPECIFICITY = frozenset({"USERNAME"})
"""Entities that lose to another of the same specificity whatever the scores: an @handle that spells a
person's name is reported as the PERSON (the handle is still the finding's text; recognizers/handles.py)."""


def specificity(entity: str) -> int:
    return GENERIC_ENTITIES.get(entity, 5)


def resolve_overlaps(spans: list[Span], text: str = "") -> list[Span]:
    """Keep, among overlapping spans of different entities, the most specific (then best scored)."""
    ranked = sorted(
        spans,
        key=lambda s: (
            -specificity(s.entity),
            s.entity in YIELDS_AT_EQUAL_SPECIFICITY,
            -s.score,
            -(s.end - s.start),
            s.start,
        ),
    )
    kept: list[Span] = []
    for span in ranked:
        if span.end <= span.start:
            continue
        clash = next((k for k in kept if k.start < span.end and span.start < k.end), None)
        if clash is None:
            kept.append(span)
        elif clash.entity == span.entity and (clash.start, clash.end) != (span.start, span.end):
            continue
    return sorted(kept, key=lambda s: (s.start, s.end))
