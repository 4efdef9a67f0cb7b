"""What a detector reports, and how overlapping reports of different entities are settled.

Presidio drops duplicates of one entity but keeps overlapping spans of different entities: a date of
birth is also a DATE_TIME, an email contains a URL. A person reading the findings wants the specific
one, so where spans overlap the more specific entity wins, then the higher score.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

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
    return kept_in_rank_order(
        spans,
        lambda s: (
            -specificity(s.entity),
            s.entity in YIELDS_AT_EQUAL_SPECIFICITY,
            -s.score,
            -(s.end - s.start),
            s.start,
        ),
    )


class Located(Protocol):
    """Anything with a character range: spans, candidates."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


T = TypeVar("T", bound=Located)


def kept_in_rank_order(items: Iterable[T], rank: Callable[[T], Any]) -> list[T]:
    """Each item in rank order, kept unless it overlaps one kept before it; the kept ones by position.

    Asking every kept item whether it clashes made this quadratic: a 10 MB text with 40,000 spans took
    24 s on it alone. A sweep by position cuts the items into runs that overlap one another, and only
    within a run does rank order matter; there the kept items are disjoint, so one binary search over
    their starts finds the only one that can clash.
    """
    kept: list[T] = []
    numbered = ((number, item) for number, item in enumerate(items) if item.end > item.start)
    for run in _overlapping_runs(numbered):
        if len(run) == 1:
            kept.append(run[0][1])
            continue
        starts: list[int] = []
        ends: list[int] = []
        chosen: list[T] = []
        for _, item in sorted(run, key=lambda pair: (rank(pair[1]), pair[0])):
            before = bisect.bisect_left(starts, item.end)
            if before and ends[before - 1] > item.start:
                continue
            starts.insert(before, item.start)
            ends.insert(before, item.end)
            chosen.insert(before, item)
        kept.extend(chosen)
    return kept


def _overlapping_runs(items: Iterable[tuple[int, T]]) -> Iterator[list[tuple[int, T]]]:
    """(input order, item) in runs by position: an item joins the run when it starts before the run ends."""
    run: list[tuple[int, T]] = []
    reach = -1
    for pair in sorted(items, key=lambda pair: (pair[1].start, pair[1].end)):
        if run and pair[1].start >= reach:
            yield run
            run = []
        run.append(pair)
        reach = max(reach, pair[1].end) if len(run) > 1 else pair[1].end
    if run:
        yield run
