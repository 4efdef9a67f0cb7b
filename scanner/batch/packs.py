"""Tasks of a batch: small subjects packed together, a split subject's member ranges kept apart.

A task costs a few tens of milliseconds whatever it holds (scheduling, a round trip, starting a
detection stream), which is most of the work of a small export. So consecutive whole subjects are
packed into one task, read as one detection stream (scanner.batch.stream); a subject cut into member
ranges (scanner.batch.units) is a pack of its own, whose ranges run as separate tasks and are scored
together afterwards. Packs shrink as the batch goes (guided self-scheduling): each holds at most a
`REMAINING_SHARE`-th of what is left per slot, so the batch starts with large packs, which cost little
per byte, and ends with small ones, which the slots finish at nearly the same time; with equal packs,
one slot would still be on its last while the others idle (measured on 200 small exports and 2
workers: one worker idle for the last 10% of the run).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from scanner.batch.units import WorkUnit

PACK_BYTES = 4 << 20
"""Bytes on disk per pack at most: seconds to a minute of detection for text-heavy exports, and the
bound on what a worker holds of a pack's sealed findings before it returns them."""
REMAINING_SHARE = 2
"""A pack holds at most the bytes left to pack, divided by this times the slots."""
SMALLEST_SHARE = 16
"""And at least the batch's bytes divided by this times the slots: the smallest packs, at the end, cost
their task overhead on a sixteenth of a slot's share, and a small batch is not cut into crumbs."""


@dataclass(frozen=True, slots=True)
class Pack:
    """One task's worth of subjects: several whole ones, or the member ranges of one split subject."""

    units: tuple[WorkUnit, ...]

    @property
    def split(self) -> bool:
        """The ranges of one large export: run one task per range, then score them as one subject."""
        return self.units[0].parts > 1

    @property
    def subjects(self) -> list[str]:
        return list(dict.fromkeys(unit.subject for unit in self.units))

    @property
    def size(self) -> int:
        return sum(unit.size for unit in self.units)

    @property
    def key(self) -> str:
        """A task key that names the work (its first and last subject), never its content."""
        first, last = self.units[0].subject, self.units[-1].subject
        return f"exposure-pack-{first}" if first == last else f"exposure-pack-{first}-to-{last}"


def plan_packs(units: list[WorkUnit], slots: int, most: int = PACK_BYTES) -> list[Pack]:
    """Consecutive whole subjects in packs shrinking towards the end; each split subject a pack alone."""
    total, slots = sum(unit.size for unit in units), max(1, slots)
    smallest = max(1, min(most, total // (slots * SMALLEST_SHARE)))

    def target_for(left: int) -> int:
        return max(smallest, min(most, left // (slots * REMAINING_SHARE)))

    return list(_packs(units, total, target_for))


def _packs(units: list[WorkUnit], total: int, target_for: Callable[[int], int]) -> Iterator[Pack]:
    """`target_for(bytes left)` is the size of the pack begun with that many bytes left to pack."""
    filling: list[WorkUnit] = []
    filled, index, left = 0, 0, total
    while index < len(units):
        unit = units[index]
        if unit.parts > 1:
            whole = units[index:index + unit.parts]
            yield Pack(tuple(whole))
            left -= sum(part.size for part in whole)
            index += unit.parts
            continue
        if not filling:
            target = target_for(left)
        filling.append(unit)
        filled += unit.size
        index += 1
        if filled >= target:
            yield Pack(tuple(filling))
            left -= filled
            filling, filled = [], 0
    if filling:
        yield Pack(tuple(filling))
