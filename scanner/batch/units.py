"""Work units: one subject's exports, or a range of members of one large export, read as ScanItems.

A 20 GB export as one task would serialise the batch behind it, so an archive over `split_bytes` whose
reader can read part of it exactly as the whole would is cut into parts of about equal uncompressed
bytes; every part is a task of its own and the subject's units are scored together afterwards
(scanner.batch.subject). The generic reader reads each member on its own, so a member range suffices.
Google Takeout's reader reads a range's members with the whole export at hand for what spans members
(a Keep note's JSON twin, the owner's addresses for Gmail), and its bulk, the Gmail mbox, is cut into
byte spans of whole messages: each span streams the member from its start (a zip member cannot seek;
passing the mail before a span costs about 30 ms per MB, mostly finding separators line by line, so
the last spans of a very large mailbox pay minutes) and reads only the messages whose separator line
starts inside it. Readers that join members (an X archive's account and tweets) are not cut.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from scanner.archives.base import ArchiveTree
from scanner.archives.detect import detect
from scanner.archives.generic import READER as GENERIC
from scanner.archives.run import ArchiveRun
from scanner.archives.takeout import TakeoutReader
from scanner.archives.takeout.gmail import Span
from scanner.archives.trees.limits import Budget, Limits
from scanner.archives.trees.open import expand, open_input
from scanner.batch.sources import Subject
from scanner.errors import InputError
from scanner.models import Document, Skipped
from scanner.scan import ScanItem

TAKEOUT = TakeoutReader()
SPLIT_BYTES = 1 << 30
"""Bytes on disk per part of a large export (about minutes of detection per task); only exports larger
than this are opened to plan parts, so planning 10,000 small ones costs nothing."""
Piece = tuple[tuple[int, int], Span | None]
"""A part as planned: [start, stop) in the export's member list, and a byte span of its one member."""


@dataclass(frozen=True, slots=True)
class WorkUnit:
    """One task: a subject's inputs whole, or one part (member range or mailbox span) of its large export."""

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
    span: Span | None = None
    """Byte offsets of the messages to read in the range's one member (a large mbox); None reads it all."""

    @property
    def key(self) -> str:
        """A task key that names the work (subject, part), never its content."""
        return f"exposure-unit-{self.subject}-{self.part}of{self.parts}"


class RangeTree:
    """A member range of a tree: the same locators, only some members; listing skips go to the first part."""

    def __init__(self, tree: ArchiveTree, start: int, stop: int, first: bool) -> None:
        self.name = tree.name
        self._tree = tree
        self._first = first
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
        return self._tree.skipped() if self._first else []


RangeRead = Callable[[ArchiveTree, RangeTree, Span | None], Iterator[Document | Skipped]]
"""Reads one part: the whole tree (for look-ups across members), the part's members, its mailbox span."""


def _generic_range(whole: ArchiveTree, members: RangeTree, span: Span | None) -> Iterator[Document | Skipped]:
    return GENERIC.documents(members)


def _takeout_range(whole: ArchiveTree, members: RangeTree, span: Span | None) -> Iterator[Document | Skipped]:
    return TAKEOUT.documents_in(whole, members.paths(), span)


SPLITTABLE: dict[str, RangeRead] = {GENERIC.name: _generic_range, TAKEOUT.name: _takeout_range}
"""Readers that read a part of an export exactly as the whole export reads it, and how."""
SPANNED: dict[str, str] = {TAKEOUT.name: ".mbox"}
"""Readers whose large members of this suffix are cut into byte spans of whole messages."""


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


def _grouped(sizes: list[int], start: int, stop: int, target: float) -> list[Piece]:
    """Members [start, stop) as ranges of about `target` bytes each."""
    if start >= stop:
        return []
    parts = min(max(1, round(sum(sizes[start:stop]) / target)), stop - start)
    return [((start + a, start + b), None) for a, b in _ranges(sizes[start:stop], parts)]


def _pieces(paths: list[str], sizes: list[int], parts: int, spanned: str | None) -> list[Piece]:
    """About `parts` pieces of equal uncompressed bytes: runs of whole members, and each member of the
    `spanned` suffix larger than a piece cut into byte spans (the last open-ended, in case it grew)."""
    target = max(sum(sizes), 1) / parts
    pieces: list[Piece] = []
    start = 0
    for index, (path, size) in enumerate(zip(paths, sizes, strict=True)):
        if spanned is None or size <= target or not path.casefold().endswith(spanned):
            continue
        pieces += _grouped(sizes, start, index, target)
        count = math.ceil(size / target)
        bounds = [size * cut // count for cut in range(count)]
        pieces += [((index, index + 1), (lo, hi)) for lo, hi in zip(bounds, [*bounds[1:], None], strict=True)]
        start = index + 1
    return pieces + _grouped(sizes, start, len(sizes), target)


def _piece_bytes(piece: Piece, sizes: list[int]) -> int:
    (start, stop), span = piece
    if span is None:
        return sum(sizes[start:stop])
    return (span[1] if span[1] is not None else sizes[start]) - span[0]


def plan_units(subject: Subject, split_bytes: int = SPLIT_BYTES,
               limits: Limits | None = None) -> list[WorkUnit]:
    """The subject as one unit, or its one large splittable export as parts of balanced size."""
    size = subject.size
    whole = [WorkUnit(subject.id, subject.paths, size)]
    if len(subject.paths) != 1 or not subject.paths[0].is_file() or size <= split_bytes:
        return whole
    try:
        tree = open_input(subject.paths[0], limits)
        paths = tree.paths()
        sizes = [tree.size(path) for path in paths]
        reader = detect(tree)
    except InputError:
        return whole  # the unit reports why it cannot be read
    if reader.name not in SPLITTABLE:
        return whole
    pieces = _pieces(paths, sizes, math.ceil(size / split_bytes), SPANNED.get(reader.name))
    if len(pieces) < 2:
        return whole
    total = max(sum(sizes), 1)
    return [WorkUnit(subject.id, subject.paths, round(size * _piece_bytes(piece, sizes) / total),
                     part, len(pieces), piece[0], reader.name, piece[1])
            for part, piece in enumerate(pieces)]


def _range_items(unit: WorkUnit, limits: Limits) -> Iterator[ScanItem]:
    assert unit.members is not None
    budget = Budget(limits.max_total_bytes)
    try:
        whole = open_input(unit.paths[0], limits, budget)
    except InputError as error:
        yield Skipped(str(unit.paths[0]), str(error))
        return
    top = RangeTree(whole, *unit.members, first=unit.part == 0)
    for tree in expand(top, limits, budget):
        if isinstance(tree, Skipped):
            yield tree
            continue
        yield from tree.skipped()
        if tree is top:
            name, documents = unit.reader, SPLITTABLE[unit.reader](whole, top, unit.span)
        else:
            reader = detect(tree)
            name, documents = reader.name, reader.documents(tree)
        try:
            yield from documents
        except InputError as error:
            yield Skipped(tree.name, str(error))
        except Exception as error:  # as ArchiveRun: a reader bug is one skip, named by type only
            yield Skipped(tree.name, f"{name} reader failed ({type(error).__name__})")


def unit_items(unit: WorkUnit, limits: Limits | None = None) -> Iterator[ScanItem]:
    """Every document and skip of the unit, read the way `exposure archive` reads the same inputs."""
    limits = limits or Limits()
    if unit.members is None:
        return ArchiveRun(limits).items(list(unit.paths))
    return _range_items(unit, limits)
