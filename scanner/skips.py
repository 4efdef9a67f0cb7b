"""What a scan could not read, bounded: the first lines in full, then counts per reason.

A 78 KB zip of nested zips yielded 65,537 skip lines (17 MB on stderr and in the JSON report), which
buried the lines that mattered. A scan keeps the first `SKIP_LINES` skips whole and, past them, only
how many there were of each kind of reason; the total still decides the exit code.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from scanner.models import Skipped

SKIP_LINES = 50
"""Skips kept (and printed) whole; the rest are counted by reason."""


def reason_kind(reason: str) -> str:
    """A reason without its particulars (offsets, counts, names after a colon or in brackets)."""
    return reason.split(" (")[0].split(":")[0]


class SkipLog:
    """The skips of one scan: iterating gives the first `cap` of them; `len` counts them all."""

    def __init__(self, skips: Iterable[Skipped] = (), cap: int = SKIP_LINES) -> None:
        self.cap = cap
        self.shown: list[Skipped] = []
        self.beyond: Counter[str] = Counter()
        """Per reason kind, the skips past the cap."""
        self.extend(skips)

    def append(self, skip: Skipped) -> None:
        if len(self.shown) < self.cap:
            self.shown.append(skip)
        else:
            self.beyond[reason_kind(skip.reason)] += 1

    def extend(self, skips: Iterable[Skipped]) -> None:
        for skip in skips:
            self.append(skip)

    def __iter__(self) -> Iterator[Skipped]:
        return iter(self.shown)

    def __len__(self) -> int:
        return len(self.shown) + self.beyond.total()

    def __bool__(self) -> bool:
        return bool(self.shown)

    def by_reason(self) -> Counter[str]:
        """Every skip, shown or not, counted by the kind of its reason."""
        return Counter(reason_kind(skip.reason) for skip in self.shown) + self.beyond

    def beyond_line(self) -> str | None:
        """The line after the shown skips: how many more, per reason; None when none were left out."""
        if not self.beyond:
            return None
        counts = "; ".join(f"{count} × {reason}" for reason, count in self.beyond.most_common())
        return f"skipped {self.beyond.total()} more (only the first {self.cap} are listed): {counts}"
