"""Work units: one subject's exports, or a range of members of one large export, read as ScanItems.

A 20 GB export as one task would serialise the batch behind it, so an archive over `split_bytes` whose
reader reads each member on its own is cut into member ranges of about that many uncompressed bytes;
every range is a task of its own and the subject's units are scored together afterwards
(scanner.batch.subject). Readers that join members (an X archive's account and tweets) are not cut.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from scanner.archives.base import ArchiveReader, ArchiveTree
from scanner.archives.detect import detect
from scanner.archives.generic import READER as GENERIC
from scanner.archives.run import ArchiveRun
from scanner.archives.trees.limits import Budget, Limits
from scanner.archives.trees.open import expand, open_input
from scanner.batch.sources import Subject
from scanner.errors import InputError
from scanner.models import Skipped
from scanner.scan import ScanItem

SPLIT_BYTES = 1 << 30
"""Bytes on disk per member range of a large export (about minutes of detection per task); only exports
larger than this are opened to plan ranges, so planning 10,000 small ones costs nothing."""
SPLITTABLE: dict[str, ArchiveReader] = {GENERIC.name: GENERIC}
"""Readers whose documents come from each member alone, so any range of members reads the same."""


@dataclass(frozen=True, slots=True)
class WorkUnit:
    """One task: a subject's inputs whole, or one member range of its single large export."""

    subject: str
    paths: tuple[Path, ...]
    size: int
    """Bytes on disk this unit stands for (its share of a split archive), for progress over bytes."""
    part: int = 0
    parts: int = 1
    members: tuple[int, int] | None = None
    """[start, stop) in the export's member list; None reads the inputs whole."""
    reader: str = ""
    """The reader the whole export fits, named: a range alone may not show the export's layout."""

    @property
    def key(self) -> str:
        """A task key that names the work (subject, part), never its content."""
        return f"exposure-unit-{self.subject}-{self.part}of{self.parts}"


class RangeTree:
    """A member range of a tree: the same locators, only some members; listing skips go to range 0."""

    def __init__(self, tree: ArchiveTree, start: int, stop: int) -> None:
        self.name = tree.name
        self._tree = tree
        self._start = start
        self._paths = tree.paths()[start:stop]

    def paths(self) -> list[str]:
        return self._paths

    def open(self, path: str) -> IO[bytes]:
        return self._tree.open(path)

    def size(self, path: str) -> int:
        return self._tree.size(path)

    def locator(self, path: str) -> str:
        return self._tree.locator(path)

    def skipped(self) -> list[Skipped]:
        return self._tree.skipped() if self._start == 0 else []


def _ranges(sizes: list[int], parts: int) -> list[tuple[int, int]]:
    """Consecutive member ranges of about equal uncompressed bytes (at least one member each)."""
    target = sum(sizes) / parts
    ranges: list[tuple[int, int]] = []
    start, filled = 0, 0
    for index, size in enumerate(sizes):
        filled += size
        if filled >= target and len(ranges) < parts - 1:
            ranges.append((start, index + 1))
            start, filled = index + 1, 0
    if start < len(sizes):
        ranges.append((start, len(sizes)))
    return ranges


def plan_units(subject: Subject, split_bytes: int = SPLIT_BYTES,
               limits: Limits | None = None) -> list[WorkUnit]:
    """The subject as one unit, or its one large splittable export as member ranges of balanced size."""
    size = subject.size
    whole = [WorkUnit(subject.id, subject.paths, size)]
    if len(subject.paths) != 1 or not subject.paths[0].is_file() or size <= split_bytes:
        return whole
    try:
        tree = open_input(subject.paths[0], limits)
        sizes = [tree.size(path) for path in tree.paths()]
        reader = detect(tree)
    except InputError:
        return whole  # the unit reports why it cannot be read
    parts = min(math.ceil(size / split_bytes), len(sizes))
    if parts < 2 or reader.name not in SPLITTABLE:
        return whole
    ranges = _ranges(sizes, parts)
    return [WorkUnit(subject.id, subject.paths, round(size * sum(sizes[a:b]) / max(sum(sizes), 1)),
                     part, len(ranges), (a, b), reader.name)
            for part, (a, b) in enumerate(ranges)]


def _range_items(unit: WorkUnit, limits: Limits) -> Iterator[ScanItem]:
    assert unit.members is not None
    budget = Budget(limits.max_total_bytes)
    try:
        top = RangeTree(open_input(unit.paths[0], limits, budget), *unit.members)
    except InputError as error:
        yield Skipped(str(unit.paths[0]), str(error))
        return
    for tree in expand(top, limits, budget):
        if isinstance(tree, Skipped):
            yield tree
            continue
        yield from tree.skipped()
        reader = SPLITTABLE[unit.reader] if tree is top else detect(tree)
        try:
            yield from reader.documents(tree)
        except InputError as error:
            yield Skipped(tree.name, str(error))
        except Exception as error:  # as ArchiveRun: a reader bug is one skip, named by type only
            yield Skipped(tree.name, f"{reader.name} reader failed ({type(error).__name__})")


def unit_items(unit: WorkUnit, limits: Limits | None = None) -> Iterator[ScanItem]:
    """Every document and skip of the unit, read the way `exposure archive` reads the same inputs."""
    limits = limits or Limits()
    if unit.members is None:
        return ArchiveRun(limits).items(list(unit.paths))
    return _range_items(unit, limits)
