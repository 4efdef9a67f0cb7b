"""Tasks of a batch: small subjects packed together, a split subject's member ranges kept apart.

A task costs a few tens of milliseconds whatever it holds (scheduling, a round trip, starting a
detection stream), which is most of the work of a small export. So consecutive whole subjects are
packed into one task of about `pack_bytes` on disk and read as one detection stream
(scanner.batch.stream); a subject cut into member ranges (scanner.batch.units) is a pack of its own,
whose ranges run as separate tasks and are scored together afterwards. Packs are capped so that every
slot of the cluster gets several of them: with fewer, the last one would leave the others idle.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from scanner.batch.units import WorkUnit

PACK_BYTES = 4 << 20
"""Bytes on disk per pack at most: seconds to a minute of detection for text-heavy exports, and the
bound on what a worker holds of a pack's sealed findings before it returns them."""
PACKS_PER_SLOT = 4
"""At least this many packs per worker thread when the batch is small, so the end of the batch balances."""


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


def pack_bytes_for(units: list[WorkUnit], slots: int, most: int = PACK_BYTES) -> int:
    """The pack size for this batch: `most`, or less when that would leave slots without work at the end."""
    total = sum(unit.size for unit in units)
    return max(1, min(most, total // max(1, slots * PACKS_PER_SLOT)))


def plan_packs(units: list[WorkUnit], pack_bytes: int) -> list[Pack]:
    """Consecutive whole subjects in packs of about `pack_bytes`; each split subject a pack alone."""
    return list(_packs(units, pack_bytes))


def _packs(units: list[WorkUnit], pack_bytes: int) -> Iterator[Pack]:
    filling: list[WorkUnit] = []
    filled, index = 0, 0
    while index < len(units):
        unit = units[index]
        if unit.parts > 1:
            yield Pack(tuple(units[index:index + unit.parts]))
            index += unit.parts
            continue
        filling.append(unit)
        filled += unit.size
        index += 1
        if filled >= pack_bytes:
            yield Pack(tuple(filling))
            filling, filled = [], 0
    if filling:
        yield Pack(tuple(filling))
